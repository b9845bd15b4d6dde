with

source as (
    select * from {{ source('raw', 'ingest_runs') }}
),

final as (
    select
        batch_id,
        source_name,
        source_kind,
        started_at,
        finished_at,
        loaded_at,
        fetched as fetched_count,
        new as new_count,
        updated as updated_count,
        duplicate as duplicate_count,
        quarantined as quarantined_count,
        lower(status) as status,
        nullif(trim(error), '') as error,
        date_diff('millisecond', started_at, finished_at) / 1000.0 as fetch_seconds,
    from source
)

select * from final
