with

mentions as (
    select * from {{ ref('int_actor_mentions_resolved') }}
),

final as (
    select
        mention_id,
        doc_id,
        actor_id,
        sentence_index,
        char_start,
        char_end,
        mention_text,
        method,
        confidence,
        extractor_version,
        resolution_method,
    from mentions
)

select * from final
