{#- One row per merged meeting with its consensus attributes, the held meeting a planned one
    announced, and the agreement it is linked to.

    Consensus: the most frequent day-precise date (else month, else year), the most frequent
    location, the most specific meeting type (signing > summit > visit > talks > call > meeting).
    Planned → held: a planned meeting announces the held meeting with compatible participants
    (≥ 2 shared, or the same single one), place and agreement whose date is closest to the
    planned date (within var meeting_date_window_days, or any when the plan is undated) — only
    when that closest held meeting is unique.
    Agreement: the one the reports name; else the one the announcing plan names; else the single
    agreement signed that day whose parties are all among the participants' countries. -#}
with

reports as (
    select * from {{ ref('int_meeting_reports_merged') }}
),

agreement_reports as (
    select * from {{ ref('int_agreement_reports_merged') }}
),

actors as (
    select * from {{ ref('int_actors_resolved') }}
),

precisions as (
    select * from {{ ref('date_precisions') }}
),

precision_ranked as (
    select
        reports.*,
        coalesce(precisions.rank, 4) as precision_rank,
    from reports
    left join precisions on precisions.date_precision = reports.date_precision
),

best_dates as (
    select meeting_id, meeting_date, date_precision
    from precision_ranked
    where meeting_date is not null and precision_rank < 4
    group by meeting_id, meeting_date, date_precision, precision_rank
    qualify row_number() over (partition by meeting_id order by precision_rank, count(*) desc, meeting_date) = 1
),

best_locations as (
    select meeting_id, location_name, location_country_code
    from reports
    where location_name is not null or location_country_code is not null
    group by meeting_id, location_name, location_country_code
    qualify row_number() over (
        partition by meeting_id
        order by (location_name is not null)::int + (location_country_code is not null)::int desc, count(*) desc, location_name
    ) = 1
),

meetings as (
    select
        meeting_id,
        any_value(status) as status,
        arg_min(meeting_type, case meeting_type
            when 'signing' then 1 when 'summit' then 2 when 'visit' then 3 when 'talks' then 4 when 'call' then 5 else 6 end
        ) as meeting_type,
        mode(agreement_id order by agreement_id) as reported_agreement_id,
        list_sort(list_distinct(flatten(list(participant_ids)))) as participant_ids,
    from reports
    group by meeting_id
),

attributed as (
    select
        meetings.*,
        best_dates.meeting_date,
        coalesce(best_dates.date_precision, 'unknown') as date_precision,
        best_locations.location_name,
        coalesce(best_locations.location_country_code, location_actor.country_code) as location_country_code,
    from meetings
    left join best_dates on best_dates.meeting_id = meetings.meeting_id
    left join best_locations on best_locations.meeting_id = meetings.meeting_id
    -- a location given as a country name ("Russia") is that country
    left join actors as location_actor
        on location_actor.actor_type = 'country'
        and lower(location_actor.canonical_name) = lower(best_locations.location_name)
),

meeting_keys as (
    -- blocking keys as in int_meeting_reports_merged: a participant pair (or the one participant),
    -- and for a dated meeting every calendar year a compatible date can fall in
    select
        keyed.meeting_id,
        keyed.status,
        keyed.pair_key as participant_key,
        case
            when keyed.meeting_date is null or keyed.date_precision = 'unknown' then []::integer[]
            when keyed.date_precision = 'day' then list_distinct([
                year(keyed.meeting_date - {{ var('meeting_date_window_days') }}),
                year(keyed.meeting_date),
                year(keyed.meeting_date + {{ var('meeting_date_window_days') }})
            ])
            else [year(keyed.meeting_date)]
        end as year_keys,
    from {{ pair_keys('attributed', 'participant_ids', ['meeting_id', 'status', 'meeting_date', 'date_precision']) }} as keyed
),

plan_pairs as (
    select distinct planned.meeting_id as planned_meeting_id, held.meeting_id as held_meeting_id
    from meeting_keys as planned
    inner join meeting_keys as held
        on held.participant_key = planned.participant_key
        and held.status = 'held'
        -- two dated meetings share a year; an undated one is compared with every one
        and (len(planned.year_keys) = 0 or len(held.year_keys) = 0
            or len(list_intersect(planned.year_keys, held.year_keys)) > 0)
    where planned.status = 'planned'
),

plan_candidates as (
    select
        planned.meeting_id as planned_meeting_id,
        held.meeting_id as held_meeting_id,
        coalesce(abs(date_diff('day', planned.meeting_date, held.meeting_date)), 0) as days_apart,
    from plan_pairs
    inner join attributed as planned on planned.meeting_id = plan_pairs.planned_meeting_id
    inner join attributed as held on held.meeting_id = plan_pairs.held_meeting_id
    where (
            len(list_intersect(planned.participant_ids, held.participant_ids)) >= 2
            or (len(planned.participant_ids) = 1 and planned.participant_ids = held.participant_ids)
        )
        and (planned.location_country_code is null or held.location_country_code is null
            or planned.location_country_code = held.location_country_code)
        and (planned.reported_agreement_id is null or held.reported_agreement_id is null
            or planned.reported_agreement_id = held.reported_agreement_id)
        and {{ dates_compatible('planned.meeting_date', 'planned.date_precision', 'held.meeting_date', 'held.date_precision', var('meeting_date_window_days')) }}
),

closest_plan_links as (
    -- the closest held meeting, and only when no other is as close
    select planned_meeting_id, min(held_meeting_id) as held_meeting_id
    from (
        select *, min(days_apart) over (partition by planned_meeting_id) as closest_days
        from plan_candidates
    ) as closest_candidates
    where days_apart = closest_days
    group by planned_meeting_id
    having count(distinct held_meeting_id) = 1
),

agreement_facts as (
    select
        agreement_id,
        min(signed_date) filter (where date_precision = 'day' and status in ('signed', 'ratified', 'in_force')) as signed_date,
        list_sort(list_distinct(flatten(list(party_ids)))) as party_ids,
    from agreement_reports
    group by agreement_id
),

participant_countries as (
    select
        attributed.meeting_id,
        list_sort(list_distinct(list('country-' || lower(actors.country_code)))) as country_ids,
    from attributed, unnest(attributed.participant_ids) as participant (actor_id)
    inner join actors on actors.actor_id = participant.actor_id
    where actors.country_code is not null
    group by attributed.meeting_id
),

signed_that_day as (
    select attributed.meeting_id, min(agreement_facts.agreement_id) as agreement_id
    from attributed
    inner join participant_countries on participant_countries.meeting_id = attributed.meeting_id
    inner join agreement_facts
        on agreement_facts.signed_date = attributed.meeting_date
        and len(agreement_facts.party_ids) >= 2
        and list_has_all(participant_countries.country_ids, agreement_facts.party_ids)
    where attributed.status = 'held' and attributed.date_precision = 'day'
    group by attributed.meeting_id
    having count(distinct agreement_facts.agreement_id) = 1
),

agreement_from_plan as (
    select closest_plan_links.held_meeting_id as meeting_id, min(planned.reported_agreement_id) as agreement_id
    from closest_plan_links
    inner join attributed as planned on planned.meeting_id = closest_plan_links.planned_meeting_id
    where planned.reported_agreement_id is not null
    group by closest_plan_links.held_meeting_id
    having count(distinct planned.reported_agreement_id) = 1
),

final as (
    select
        attributed.meeting_id,
        attributed.status,
        attributed.meeting_type,
        attributed.meeting_date,
        attributed.date_precision,
        attributed.location_name,
        attributed.location_country_code,
        coalesce(attributed.reported_agreement_id, agreement_from_plan.agreement_id, signed_that_day.agreement_id) as agreement_id,
        case
            when attributed.reported_agreement_id is not null then 'reported'
            when agreement_from_plan.agreement_id is not null then 'announced'
            when signed_that_day.agreement_id is not null then 'same_day_signature'
        end as agreement_link_basis,
        closest_plan_links.held_meeting_id,
        attributed.participant_ids,
    from attributed
    left join closest_plan_links on closest_plan_links.planned_meeting_id = attributed.meeting_id
    left join agreement_from_plan on agreement_from_plan.meeting_id = attributed.meeting_id
    left join signed_that_day on signed_that_day.meeting_id = attributed.meeting_id
)

select * from final
