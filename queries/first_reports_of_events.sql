-- Which outlets first reported an event.
-- Answers: for every meeting and agreement, which outlet reported it first, when (publication
-- time, or when the warehouse first saw the document if the source gives no date), with which
-- document, how many outlets followed and how long after the first report the second outlet came.
-- Run: osint query --file queries/first_reports_of_events.sql
with

reports as (
    select
        fct_evidence.fact_type,
        fct_evidence.fact_id,
        fct_evidence.doc_id,
        dim_documents.outlet_id,
        dim_documents.url,
        dim_documents.title,
        coalesce(dim_documents.published_at, dim_documents.first_seen_at) as reported_at,
        dim_documents.published_at is null as reported_at_is_first_seen,
    from fct_evidence
    inner join dim_documents on dim_documents.doc_id = fct_evidence.doc_id
    where fct_evidence.fact_type in ('meeting', 'agreement')
),

per_outlet as (
    -- each outlet's earliest report of each event
    select
        fact_type,
        fact_id,
        outlet_id,
        min(reported_at) as reported_at,
        arg_min(doc_id, reported_at) as doc_id,
        arg_min(url, reported_at) as url,
        arg_min(title, reported_at) as title,
        arg_min(reported_at_is_first_seen, reported_at) as reported_at_is_first_seen,
    from reports
    group by fact_type, fact_id, outlet_id
),

ranked as (
    select
        per_outlet.*,
        row_number() over (partition by fact_type, fact_id order by reported_at, outlet_id) as report_rank,
        count(*) over (partition by fact_type, fact_id) as outlets_reporting,
        lead(reported_at) over (partition by fact_type, fact_id order by reported_at, outlet_id)
            as second_outlet_reported_at,
    from per_outlet
),

events as (
    select
        'meeting' as fact_type,
        meeting_id as fact_id,
        concat_ws(' ', meeting_type, '(' || status || ')', 'in ' || location_name) as event,
        meeting_date as event_date,
    from fct_meetings
    union all
    select
        'agreement' as fact_type,
        agreement_id as fact_id,
        concat_ws(' ', name, '(' || status || ')') as event,
        signed_date as event_date,
    from dim_agreements
),

final as (
    select
        events.fact_type,
        events.event,
        events.event_date,
        coalesce(dim_outlets.name, ranked.outlet_id) as first_outlet,
        dim_outlets.platform as first_outlet_platform,
        dim_outlets.reliability_grade as first_outlet_reliability_grade,
        ranked.reported_at as first_reported_at,
        ranked.reported_at_is_first_seen,
        ranked.title as first_title,
        ranked.url as first_url,
        ranked.outlets_reporting,
        ranked.second_outlet_reported_at - ranked.reported_at as lead_over_second_outlet,
        events.fact_id,
        ranked.doc_id as first_doc_id,
    from ranked
    inner join events on events.fact_type = ranked.fact_type and events.fact_id = ranked.fact_id
    left join dim_outlets on dim_outlets.outlet_id = ranked.outlet_id
    where ranked.report_rank = 1
)

select * from final
order by first_reported_at nulls last, fact_type, fact_id
