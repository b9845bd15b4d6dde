with

source as (
    select * from {{ source('nlp', 'ann_figures') }}
),

current_annotations as (
    select * from {{ current_annotations() }}
),

final as (
    select
        md5(concat_ws('|', source.doc_id, 'figure', source.figure_index)) as figure_report_id,
        source.doc_id,
        source.extractor_version,
        source.figure_index,
        source.sentence_index,
        source.char_start,
        source.char_end,
        source.source_text,
        lower(source.metric) as metric,
        source.value,
        case when length(source.unit) = 3 then upper(source.unit) else lower(source.unit) end as unit,
        lower(nullif(trim(source.qualifier), '')) as qualifier,
        nullif(trim(source.period_text), '') as period_text,
        source.period_start,
        source.period_end,
        nullif(trim(source.speaker_actor_key), '') as speaker_actor_key,
        nullif(trim(source.speaker_name), '') as speaker_name,
        source.party_actor_keys,
        source.confidence,
    from source
    inner join current_annotations
        on current_annotations.doc_id = source.doc_id
        and current_annotations.extractor_version = source.extractor_version
    qualify row_number() over (partition by source.doc_id, source.figure_index order by source.confidence desc) = 1
)

select * from final
