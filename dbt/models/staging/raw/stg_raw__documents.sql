with

source as (
    select * from {{ source('raw', 'documents') }}
),

final as (
    select
        doc_id,
        source_kind,
        source_name,
        external_id,
        nullif(trim(url), '') as url,
        nullif(trim(title), '') as title,
        body,
        nullif(trim(author), '') as author,
        published_at,
        fetched_at,
        first_seen_at,
        updated_at,
        lower(nullif(trim(language), '')) as language,
        nullif(trim(outlet), '') as outlet_name,
        lower(regexp_extract(url, '^[a-z]+://(?:www\.)?([^/:?#]+)', 1)) as url_domain,
        content_hash,
        version,
        metadata,
    from source
)

select * from final
