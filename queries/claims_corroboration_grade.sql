-- Claims (and meetings) with their corroboration and intelligence grade.
-- Answers: for every statement attributed to a speaker, and every meeting, how many documents and
-- distinct outlets support it, how reliable the reporting and the best supporting outlet are
-- (registry grade A-F, A best; unregistered outlets count as F), and the NATO/Admiralty grade:
-- best source reliability followed by information credibility 1-6.
-- Meetings carry the warehouse's own credibility (fct_meetings.credibility). The contract gives
-- claims no credibility column, so it is derived here with the warehouse's rule (dbt macro
-- credibility_grade), counting distinct outlets where the warehouse counts independent origins —
-- syndicated copies across outlets can therefore overstate it:
--   1 >= 2 outlets graded A-C | 2 >= 2 outlets with one A-C, or >= 3 outlets | 3 two D-F outlets,
--   or one A-B outlet | 4 one C-D outlet | 6 one E-F outlet (cannot be judged).
-- Best-corroborated first.
-- Run: osint query --file queries/claims_corroboration_grade.sql
with

evidence_reports as (
    select distinct
        fct_evidence.fact_type,
        fct_evidence.fact_id,
        fct_evidence.doc_id,
        dim_documents.outlet_id,
        coalesce(dim_documents.published_at, dim_documents.first_seen_at) as reported_at,
        dim_documents.url,
        coalesce(dim_outlets.reliability_grade, 'F') as reliability_grade,
    from fct_evidence
    inner join dim_documents on dim_documents.doc_id = fct_evidence.doc_id
    left join dim_outlets on dim_outlets.outlet_id = dim_documents.outlet_id
    where fct_evidence.fact_type in ('claim', 'meeting')
),

corroboration as (
    select
        fact_type,
        fact_id,
        count(distinct outlet_id) as outlets,
        count(distinct outlet_id) filter (where reliability_grade in ('A', 'B', 'C')) as graded_ac_outlets,
        min(reliability_grade) as best_reliability_grade,
        string_agg(distinct outlet_id, ', ' order by outlet_id) as outlet_ids,
    from evidence_reports
    group by fact_type, fact_id
),

claim_reports as (
    -- a claim always has its own reporting document, even where fct_evidence has no row for it
    select
        fct_claims.*,
        coalesce(dim_outlets.reliability_grade, 'F') as reporting_grade,
        coalesce(corroboration.outlets, 1) as outlets,
        coalesce(
            corroboration.graded_ac_outlets,
            case when coalesce(dim_outlets.reliability_grade, 'F') in ('A', 'B', 'C') then 1 else 0 end
        ) as graded_ac_outlets,
        coalesce(corroboration.best_reliability_grade, dim_outlets.reliability_grade, 'F') as best_reliability_grade,
        coalesce(corroboration.outlet_ids, fct_claims.outlet_id) as outlet_ids,
    from fct_claims
    left join dim_outlets on dim_outlets.outlet_id = fct_claims.outlet_id
    left join corroboration
        on corroboration.fact_type = 'claim' and corroboration.fact_id = fct_claims.claim_id
),

claims as (
    select
        'claim' as fact_type,
        claim_id as fact_id,
        claim_text as statement,
        speaker_name as attributed_to,
        is_direct_quote,
        outlet_id as reporting_outlet_id,
        published_at as reported_at,
        source_url,
        source_count,
        outlets as outlet_count,
        case
            when outlets >= 2 and graded_ac_outlets >= 2 then 1
            when (outlets >= 2 and graded_ac_outlets >= 1) or outlets >= 3 then 2
            when outlets = 2 or best_reliability_grade in ('A', 'B') then 3
            when best_reliability_grade in ('C', 'D') then 4
            else 6
        end as credibility,
        best_reliability_grade,
        outlet_ids,
    from claim_reports
),

first_meeting_reports as (
    select
        fact_id,
        arg_min(outlet_id, reported_at) as outlet_id,
        arg_min(url, reported_at) as url,
    from evidence_reports
    where fact_type = 'meeting'
    group by fact_id
),

meeting_participants as (
    select
        bdg_meeting_participants.meeting_id,
        string_agg(dim_actors.canonical_name, '; ' order by dim_actors.canonical_name) as participants,
    from bdg_meeting_participants
    inner join dim_actors on dim_actors.actor_id = bdg_meeting_participants.actor_id
    group by bdg_meeting_participants.meeting_id
),

meetings as (
    select
        'meeting' as fact_type,
        fct_meetings.meeting_id as fact_id,
        concat_ws(
            ' ', fct_meetings.meeting_type, '(' || fct_meetings.status || ')',
            'on ' || fct_meetings.meeting_date, 'in ' || fct_meetings.location_name
        ) as statement,
        meeting_participants.participants as attributed_to,
        null::boolean as is_direct_quote,
        first_meeting_reports.outlet_id as reporting_outlet_id,
        fct_meetings.first_reported_at as reported_at,
        first_meeting_reports.url as source_url,
        fct_meetings.source_count,
        fct_meetings.outlet_count,
        fct_meetings.credibility,
        coalesce(corroboration.best_reliability_grade, 'F') as best_reliability_grade,
        corroboration.outlet_ids,
    from fct_meetings
    left join meeting_participants on meeting_participants.meeting_id = fct_meetings.meeting_id
    left join first_meeting_reports on first_meeting_reports.fact_id = fct_meetings.meeting_id
    left join corroboration
        on corroboration.fact_type = 'meeting' and corroboration.fact_id = fct_meetings.meeting_id
),

facts as (
    select * from claims
    union all
    select * from meetings
),

final as (
    select
        facts.fact_type,
        facts.statement,
        facts.attributed_to,
        facts.is_direct_quote,
        coalesce(dim_outlets.name, facts.reporting_outlet_id) as reporting_outlet,
        coalesce(dim_outlets.reliability_grade, 'F') as reliability_grade,
        facts.best_reliability_grade,
        facts.source_count,
        facts.outlet_count,
        facts.credibility,
        facts.best_reliability_grade || facts.credibility::varchar as admiralty_grade,
        facts.outlet_ids as corroborating_outlets,
        facts.reported_at,
        facts.source_url,
        facts.fact_id,
    from facts
    left join dim_outlets on dim_outlets.outlet_id = facts.reporting_outlet_id
)

select * from final
order by credibility, outlet_count desc, source_count desc, best_reliability_grade, reported_at, fact_id
