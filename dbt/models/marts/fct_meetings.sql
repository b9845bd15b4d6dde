with

meetings as (
    select * from {{ ref('int_meetings_linked') }}
),

grades as (
    select * from {{ ref('int_facts_graded') }}
    where fact_type = 'meeting'
),

rejected as (
    select fact_id from {{ ref('int_facts_rejected') }}
),

described as (
    -- participants the reports describe without naming them: no actors, kept in their own words
    select
        reports.meeting_id,
        list_sort(list_distinct(list(participants.actor_name))) as described_participants,
    from {{ ref('stg_nlp__meeting_participants') }} as participants
    inner join {{ ref('int_meeting_reports_merged') }} as reports
        on reports.meeting_report_id = participants.meeting_report_id
    where participants.actor_type = 'descriptor'
    group by reports.meeting_id
),

final as (
    select
        meetings.meeting_id,
        meetings.meeting_date,
        meetings.date_precision,
        meetings.location_name,
        meetings.location_country_code,
        meetings.meeting_type,
        meetings.status,
        -- links to a fact an analyst rejected are cut
        case when meetings.agreement_id not in (select fact_id from rejected) then meetings.agreement_id end as agreement_id,
        case when meetings.agreement_id not in (select fact_id from rejected) then meetings.agreement_link_basis end
            as agreement_link_basis,
        case when meetings.held_meeting_id not in (select fact_id from rejected) then meetings.held_meeting_id end
            as held_meeting_id,
        len(meetings.participant_ids) as participant_count,
        coalesce(described.described_participants, []::varchar[]) as described_participants,
        grades.source_count,
        grades.outlet_count,
        grades.independent_origin_count,
        grades.source_reliability,
        grades.credibility,
        grades.admiralty_grade,
        grades.first_reported_at,
        grades.first_ingested_at,
        grades.confidence,
    from meetings
    inner join grades on grades.fact_id = meetings.meeting_id
    left join described on described.meeting_id = meetings.meeting_id
)

select * from final
