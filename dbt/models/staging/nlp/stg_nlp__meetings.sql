with

source as (
    select * from {{ source('nlp', 'ann_meetings') }}
),

current_annotations as (
    select * from {{ current_annotations() }}
),

final as (
    select
        md5(concat_ws('|', source.doc_id, 'meeting', source.meeting_index)) as meeting_report_id,
        source.doc_id,
        source.extractor_version,
        source.meeting_index,
        source.sentence_index,
        source.char_start,
        source.char_end,
        source.evidence_text,
        lower(source.meeting_type) as meeting_type,
        lower(source.status) as status,
        source.meeting_date,
        lower(source.date_precision) as date_precision,
        source.date_text,
        nullif(trim(source.location_name), '') as location_name,
        nullif(upper(trim(source.location_country_code)), '') as location_country_code,
        case
            when source.agreement_index is not null
                then md5(concat_ws('|', source.doc_id, 'agreement', source.agreement_index))
        end as agreement_report_id,
        source.confidence,
    from source
    inner join current_annotations
        on current_annotations.doc_id = source.doc_id
        and current_annotations.extractor_version = source.extractor_version
    qualify row_number() over (partition by source.doc_id, source.meeting_index order by source.confidence desc) = 1
)

select * from final
