-- Timeline of meetings between two countries' officials.
-- Answers: when did officials (people, organizations, or the states themselves) of country A meet
-- those of country B, where, was the meeting held or only planned, which agreement it served, and
-- how well is it corroborated (sources, outlets, independent origins, credibility 1-6)?
-- Change the two ISO 3166-1 alpha-3 codes in `params` to look at another pair, and set `year`
-- (e.g. 2025) for one year's meetings; null lists every year.
-- Undated meetings (date_precision 'unknown': no report gives the day, month or year) are listed
-- last. With a year set, a meeting counts when its date falls in that year; an undated one counts
-- when its first dated report (first_reported_at) is from that year — it took place then or
-- before — unless include_undated is false. An undated meeting no dated document reports cannot be
-- placed in any year and is left out of a year's list.
-- Run: osint query --file queries/meetings_between_countries.sql
with

params as (
    select
        'RUS' as country_a,
        'IRN' as country_b,
        null::integer as year,
        true as include_undated,
),

participants as (
    select
        bdg_meeting_participants.meeting_id,
        bdg_meeting_participants.role,
        dim_actors.actor_id,
        dim_actors.canonical_name,
        dim_actors.actor_type,
        dim_actors.country_code,
    from bdg_meeting_participants
    inner join dim_actors on dim_actors.actor_id = bdg_meeting_participants.actor_id
),

pair_meetings as (
    select participants.meeting_id,
    from participants
    cross join params
    group by participants.meeting_id, params.country_a, params.country_b
    having bool_or(participants.country_code = params.country_a)
        and bool_or(participants.country_code = params.country_b)
),

participant_lists as (
    select
        participants.meeting_id,
        string_agg(
            participants.canonical_name || ' (' || coalesce(participants.country_code, '?') || ', '
                || participants.role || ')',
            '; ' order by participants.country_code, participants.canonical_name
        ) as participants,
    from participants
    inner join pair_meetings on pair_meetings.meeting_id = participants.meeting_id
    group by participants.meeting_id
),

final as (
    select
        fct_meetings.meeting_date,
        fct_meetings.date_precision,
        fct_meetings.status,
        fct_meetings.meeting_type,
        fct_meetings.location_name,
        fct_meetings.location_country_code,
        participant_lists.participants,
        dim_agreements.name as agreement_name,
        fct_meetings.source_count,
        fct_meetings.outlet_count,
        fct_meetings.independent_origin_count,
        fct_meetings.credibility,
        fct_meetings.first_reported_at,
        fct_meetings.meeting_id,
    from fct_meetings
    inner join participant_lists on participant_lists.meeting_id = fct_meetings.meeting_id
    cross join params
    left join dim_agreements on dim_agreements.agreement_id = fct_meetings.agreement_id
    where params.year is null
        or (fct_meetings.meeting_date is not null and year(fct_meetings.meeting_date) = params.year)
        or (params.include_undated and fct_meetings.meeting_date is null and year(fct_meetings.first_reported_at) = params.year)
)

select * from final
order by meeting_date nulls last, first_reported_at, meeting_id
