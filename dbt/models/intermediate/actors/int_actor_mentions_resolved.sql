with

mentions as (
    select * from {{ ref('stg_raw__actor_mentions') }}
),

final as (
    select
        mention_id,
        doc_id,
        coalesce(actor_key, actor_type || '-' || {{ slugify('actor_name') }}) as actor_id,
        actor_key is not null as is_gazetteer_actor,
        actor_name,
        actor_type,
        country_code,
        sentence_index,
        char_start,
        char_end,
        mention_text,
        method,
        confidence,
        extractor_version,
    from mentions
)

select * from final
