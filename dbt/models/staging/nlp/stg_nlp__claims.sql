with

source as (
    select * from {{ source('nlp', 'ann_claims') }}
),

current_annotations as (
    select * from {{ current_annotations() }}
),

final as (
    select
        md5(concat_ws('|', source.doc_id, 'claim', source.claim_index)) as claim_report_id,
        source.doc_id,
        source.extractor_version,
        source.claim_index,
        source.sentence_index,
        source.char_start,
        source.char_end,
        trim(source.claim_text) as claim_text,
        source.is_direct_quote,
        lower(nullif(trim(source.cue), '')) as cue,
        nullif(trim(source.speaker_text), '') as speaker_text,
        source.speaker_char_start,
        source.speaker_char_end,
        nullif(trim(source.speaker_actor_key), '') as speaker_actor_key,
        nullif(trim(source.speaker_name), '') as speaker_name,
        lower(nullif(trim(source.speaker_type), '')) as speaker_type,
        nullif(trim(source.speaker_outlet_key), '') as speaker_outlet_key,
        nullif(trim(source.speaker_role), '') as speaker_role,
        source.confidence,
    from source
    inner join current_annotations
        on current_annotations.doc_id = source.doc_id
        and current_annotations.extractor_version = source.extractor_version
    qualify row_number() over (partition by source.doc_id, source.claim_index order by source.confidence desc) = 1
)

select * from final
