{#- Fact × supporting text span: every report of a meeting, agreement, claim or figure, with the
    document, its outlet, reliability and origin. The provenance behind fct_evidence and the
    input of grading. Facts an analyst rejected (osint judge reject) are left out here, and so from
    grading, evidence and every fact mart; int_facts_rejected keeps them. -#}
with

meetings as (
    select 'meeting' as fact_type, meeting_id as fact_id, meeting_report_id as report_id,
        doc_id, sentence_index, char_start, char_end, evidence_text, extractor_version, confidence,
    from {{ ref('int_meeting_reports_merged') }}
),

agreements as (
    select 'agreement' as fact_type, agreement_id as fact_id, agreement_report_id as report_id,
        doc_id, sentence_index, char_start, char_end, evidence_text, extractor_version, confidence,
    from {{ ref('int_agreement_reports_merged') }}
),

claims as (
    select 'claim' as fact_type, claim_id as fact_id, claim_report_id as report_id,
        doc_id, sentence_index, char_start, char_end, claim_text as evidence_text, extractor_version, confidence,
    from {{ ref('int_claim_reports_deduplicated') }}
),

figures as (
    select 'trade_figure' as fact_type, figure_id as fact_id, figure_report_id as report_id,
        doc_id, sentence_index, char_start, char_end, source_text as evidence_text, extractor_version, confidence,
    from {{ ref('int_figure_reports_deduplicated') }}
),

documents as (
    select * from {{ ref('int_documents_attributed') }}
),

unioned as (
    select * from meetings
    union all select * from agreements
    union all select * from claims
    union all select * from figures
),

rejected as (
    select fact_id from {{ ref('int_facts_rejected') }}
),

final as (
    select
        md5(concat_ws('|', unioned.fact_type, unioned.report_id)) as evidence_id,
        unioned.*,
        documents.outlet_id,
        documents.reliability_grade,
        documents.origin_id,
        documents.reported_at,
        documents.ingested_at,
        documents.url as source_url,
        documents.language,
    from unioned
    inner join documents on documents.doc_id = unioned.doc_id
    where unioned.fact_id not in (select fact_id from rejected)
)

select * from final
