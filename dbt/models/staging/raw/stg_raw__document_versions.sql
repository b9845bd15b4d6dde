with

source as (
    select * from {{ source('raw', 'document_versions') }}
),

final as (
    select
        doc_id,
        version,
        content_hash,
        source_kind,
        source_name,
        external_id,
        nullif(trim(url), '') as url,
        nullif(trim(title), '') as title,
        body,
        published_at,
        fetched_at,
        lower(nullif(trim(language), '')) as language,
        nullif(trim(outlet), '') as outlet_name,
        batch_id,
        landed_at,
    from source
)

select * from final
