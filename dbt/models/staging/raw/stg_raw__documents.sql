with

source as (
    select * from {{ source('raw', 'documents') }}
),

renamed as (
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
        osint_language_code(language) as language,  -- 'en-US' → 'en' (ingestion.language owns the rule)
        nullif(trim(outlet), '') as outlet_name,
        content_hash,
        version,
        metadata,
        -- Telegram forwards name their origin post; connectors store it under one of these keys
        nullif(trim(coalesce(
            metadata ->> 'forwarded_from_url',
            metadata ->> 'forward_from_url',
            metadata ->> 'fwd_from_url',
            metadata ->> 'forwarded_from'
        )), '') as forwarded_from,
        nullif(lower(trim(coalesce(
            metadata ->> 'channel', metadata ->> 'handle', metadata ->> 'channel_handle'
        ))), '') as metadata_handle,
    from source
),

final as (
    select
        * exclude (forwarded_from, metadata_handle),
        {{ url_domain('url') }} as url_domain,
        {{ normalize_url('url') }} as url_normalized,
        coalesce(metadata_handle, {{ telegram_handle('url') }}) as telegram_handle,
        {{ normalize_url('forwarded_from') }} as forwarded_from_url,
        -- when the document was reported: its own date, null when it has none. Never the ingestion
        -- time: an undated page fetched two years later did not report anything two years later.
        published_at as reported_at,
        first_seen_at as ingested_at,
    from renamed
)

select * from final
