{#- Facts an analyst rejected (osint judge reject), with the judgement. A rejection names a fact id
    and the ids of the fact's reports when it was judged: a fact is rejected while it has that id or
    is built from any of those reports, so the judgement survives a rebuild that renumbers facts
    (new reports joining a claim change its component, and so its id). -#}
with

rejections as (
    select * from {{ ref('stg_raw__analyst_judgements') }}
    where is_active and action = 'reject'
),

reports as (
    select 'meeting' as fact_type, meeting_id as fact_id, meeting_report_id as report_id, doc_id, evidence_text
    from {{ ref('int_meeting_reports_merged') }}
    union all
    select 'agreement' as fact_type, agreement_id as fact_id, agreement_report_id as report_id, doc_id, evidence_text
    from {{ ref('int_agreement_reports_merged') }}
    union all
    select 'claim' as fact_type, claim_id as fact_id, claim_report_id as report_id, doc_id, claim_text as evidence_text
    from {{ ref('int_claim_reports_deduplicated') }}
    union all
    select 'trade_figure' as fact_type, figure_id as fact_id, figure_report_id as report_id, doc_id, source_text as evidence_text
    from {{ ref('int_figure_reports_deduplicated') }}
),

matched as (
    select reports.fact_type, reports.fact_id, reports.report_id, reports.doc_id, reports.evidence_text,
        rejections.judgement_id, rejections.reason, rejections.judged_by, rejections.judged_at,
    from reports
    inner join rejections
        on rejections.fact_type = reports.fact_type
        and (rejections.fact_id = reports.fact_id or list_contains(rejections.report_ids, reports.report_id))
),

final as (
    select
        fact_type,
        fact_id,
        -- the earliest judgement that rejects it
        arg_min(judgement_id, judged_at) as judgement_id,
        arg_min(reason, judged_at) as reason,
        arg_min(judged_by, judged_at) as judged_by,
        min(judged_at) as judged_at,
        count(distinct report_id) as report_count,
        -- what was rejected: one report's text (the smallest report id, so a rebuild picks the same)
        arg_min(doc_id, report_id) as doc_id,
        arg_min(evidence_text, report_id) as evidence_text,
    from matched
    group by fact_type, fact_id
)

select * from final
