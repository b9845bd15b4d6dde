with

source as (
    select * from {{ source('raw', 'quarantine') }}
),

final as (
    select
        quarantine_id,
        batch_id,
        source_kind,
        source_name,
        record_ref,
        check_name,
        reason,
        payload,
        quarantined_at,
    from source
)

select * from final
