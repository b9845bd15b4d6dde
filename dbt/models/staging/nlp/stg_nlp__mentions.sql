with

source as (
    select * from {{ source('nlp', 'ann_mentions') }}
),

current_annotations as (
    select * from {{ current_annotations() }}
),

final as (
    select
        md5(concat_ws('|', source.doc_id, source.char_start, source.char_end)) as mention_id,
        source.doc_id,
        source.extractor_version,
        source.sentence_index,
        source.char_start,
        source.char_end,
        source.mention_text,
        nullif(trim(source.actor_key), '') as actor_key,
        trim(source.actor_name) as actor_name,
        lower(trim(source.actor_type)) as actor_type,
        nullif(upper(trim(source.country_code)), '') as country_code,
        lower(source.method) as method,
        source.confidence,
    from source
    inner join current_annotations
        on current_annotations.doc_id = source.doc_id
        and current_annotations.extractor_version = source.extractor_version
    -- overlapping extractor rules can emit one span twice: keep the most confident reading
    qualify row_number() over (
        partition by source.doc_id, source.char_start, source.char_end
        order by source.confidence desc, source.actor_key nulls last, source.actor_name
    ) = 1
)

select * from final
