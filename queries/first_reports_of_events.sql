-- Which outlets first reported an event.
-- Answers: for every meeting and agreement, which outlet reported it first, when (the document's
-- own publication time), with which document, how many outlets reported it and how long after the
-- first report the second outlet's came.
-- Only dated reports compete: a document without a date (a page the source gives no time for) has
-- no publication time, and the time the warehouse happened to fetch it says nothing about when it
-- was published. An event only undated documents report has first_reported_at and
-- lead_over_second_outlet null; its first outlet is then the one the warehouse saw first
-- (first_seen_at). The lead is measured between the first two outlets with a dated report, and is
-- null when fewer than two outlets have one.
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
        dim_documents.published_at as reported_at,  -- null when the document has no date
        dim_documents.first_seen_at,
    from fct_evidence
    inner join dim_documents on dim_documents.doc_id = fct_evidence.doc_id
    where fct_evidence.fact_type in ('meeting', 'agreement')
),

per_outlet as (
    -- each outlet's earliest dated report of each event (else the undated one seen first)
    select *
    from reports
    qualify row_number() over (
        partition by fact_type, fact_id, outlet_id order by reported_at nulls last, first_seen_at, doc_id
    ) = 1
),

ranked as (
    select
        per_outlet.*,
        row_number() over by_time as report_rank,
        count(*) over (partition by fact_type, fact_id) as outlets_reporting,
        count(reported_at) over (partition by fact_type, fact_id) as dated_outlets_reporting,
        -- nulls sort last: the second value is the second dated report, or null when there is none
        nth_value(reported_at, 2) over (by_time rows between unbounded preceding and unbounded following)
            as second_outlet_reported_at,
    from per_outlet
    window by_time as (partition by fact_type, fact_id order by reported_at nulls last, first_seen_at, outlet_id)
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
        ranked.first_seen_at,
        ranked.title as first_title,
        ranked.url as first_url,
        ranked.outlets_reporting,
        ranked.dated_outlets_reporting,
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
