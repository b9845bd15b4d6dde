with

source as (
    select * from {{ source('nlp', 'ann_agreements') }}
),

current_annotations as (
    select * from {{ current_annotations() }}
),

final as (
    select
        md5(concat_ws('|', source.doc_id, 'agreement', source.agreement_index)) as agreement_report_id,
        source.doc_id,
        source.extractor_version,
        source.agreement_index,
        source.sentence_index,
        source.char_start,
        source.char_end,
        source.evidence_text,
        trim(source.name) as name,
        -- what a generically named agreement is about ("deal" + "to normalise ties"): shown with the name, while the
        -- name alone identifies it (int_agreement_reports_merged)
        nullif(trim(source.topic), '') as topic,
        trim(source.name) || coalesce(' ' || nullif(trim(source.topic), ''), '') as reported_name,
        lower(source.agreement_type) as agreement_type,
        lower(source.status) as status,
        source.signed_date,
        lower(source.date_precision) as date_precision,
        source.duration_years,
        source.article_count,
        source.confidence,
    from source
    inner join current_annotations
        on current_annotations.doc_id = source.doc_id
        and current_annotations.extractor_version = source.extractor_version
    qualify row_number() over (partition by source.doc_id, source.agreement_index order by source.confidence desc) = 1
)

select * from final
