with

documents as (
    select * from {{ ref('stg_raw__documents') }}
),

final as (
    select
        doc_id,
        source_kind,
        source_name,
        external_id,
        -- the publisher: named outlet, else the URL's domain, else the source itself
        'outlet-' || {{ slugify("coalesce(outlet_name, url_domain, source_name)") }} as outlet_id,
        coalesce(outlet_name, url_domain, source_name) as outlet_name,
        url,
        title,
        author,
        published_at,
        fetched_at,
        first_seen_at,
        language,
        version,
        content_hash,
        length(body) as body_chars,
        body,
    from documents
)

select * from final
