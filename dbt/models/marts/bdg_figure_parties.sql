{#- Figure × party: the countries (and intergovernmental groups) a figure is about, with their role
    — subject (whose measure it is, both sides of "trade between X and Y"), partner (the other side:
    "exports to X", "aid to X") — and the reporter: the country of the actor who stated the figure
    (the speaker's own country, or the speaker when it is a country). -#}
with

figures as (
    select figure_id, speaker_actor_id from {{ ref('fct_trade_figures') }}
),

reports as (
    select figure_id, party_actor_keys, party_roles, parties from {{ ref('int_figure_reports_deduplicated') }}
),

actors as (
    select * from {{ ref('int_actors_resolved') }}
),

country_actors as (
    select country_code, actor_id
    from actors
    where actor_type = 'country' and country_code is not null
    qualify row_number() over (partition by country_code order by (actor_id = 'country-' || lower(country_code)) desc, actor_id) = 1
),

reported_parties as (
    -- the parties of the reports whose countries are the figure's own (a vaguer report has none)
    select
        reports.figure_id,
        unnest(reports.party_actor_keys) as party_key,
        unnest(reports.party_roles) as role,
    from reports
    inner join {{ ref('fct_trade_figures') }} as figure_rows
        on figure_rows.figure_id = reports.figure_id and figure_rows.parties = reports.parties
),

party_actors as (
    select
        reported_parties.figure_id,
        coalesce(country_actors.actor_id, actors.actor_id) as actor_id,
        reported_parties.role,
    from reported_parties
    left join country_actors
        on
            reported_parties.party_key like 'country-%'
            and country_actors.country_code = upper(substr(reported_parties.party_key, 9))
    left join actors on actors.actor_id = reported_parties.party_key
),

reporters as (
    select
        figures.figure_id,
        coalesce(
            case when speakers.actor_type = 'country' then speakers.actor_id end,
            country_actors.actor_id
        ) as actor_id,
        'reporter' as role,
    from figures
    inner join actors as speakers on speakers.actor_id = figures.speaker_actor_id
    left join country_actors on country_actors.country_code = speakers.country_code
),

unioned as (
    select * from party_actors
    union all
    select * from reporters
),

final as (
    select
        figure_id,
        actor_id,
        -- a subject in one report and a partner in another is a subject ('subject' > 'partner')
        max(role) as role,
    from unioned
    where actor_id is not null
    group by figure_id, actor_id, (role = 'reporter')
)

select * from final
