with

source as (
    select * from {{ source('raw', 'post_metrics') }}
),

final as (
    select
        md5(concat_ws('|', doc_id, observed_at)) as observation_id,
        doc_id,
        observed_at,
        views,
        forwards,
        replies,
        reactions,
        batch_id,
    from source
    -- one batch can observe the same post twice (page overlap): keep one observation per instant
    qualify row_number() over (partition by doc_id, observed_at order by batch_id desc) = 1
)

select * from final
