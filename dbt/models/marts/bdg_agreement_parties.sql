{#- Agreement × party. Parties as reported (a country, an organization, or the person who signed),
    plus the country a signing person represents, so every agreement lists its states. A party must
    be named by more than half as many reports as the most-named party of the agreement: a country an
    extractor picked up in passing ("unlike Iran's agreement with China") is outvoted by the reports
    that name the real signatories. -#}
with

reports as (
    select agreement_report_id, agreement_id from {{ ref('int_agreement_reports_merged') }}
    where agreement_id not in (select fact_id from {{ ref('int_facts_rejected') }})
),

parties as (
    select * from {{ ref('stg_nlp__agreement_parties') }}
),

names as (
    select * from {{ ref('int_actor_names_resolved') }}
),

actors as (
    select * from {{ ref('int_actors_resolved') }}
),

reported as (
    select
        reports.agreement_id,
        names.actor_id,
        'reported' as party_basis,
        count(distinct parties.doc_id) as source_count,
    from parties
    inner join reports on reports.agreement_report_id = parties.agreement_report_id
    inner join names
        on names.reference_key = {{ actor_reference_key('parties.actor_key', 'parties.actor_name', 'parties.actor_type', 'null') }}
    group by all
),

represented_countries as (
    select
        reported.agreement_id,
        'country-' || lower(actors.country_code) as actor_id,
        'represented_country' as party_basis,
        max(reported.source_count) as source_count,
    from reported
    inner join actors on actors.actor_id = reported.actor_id
    where actors.actor_type <> 'country' and actors.country_code is not null
    group by all
),

unioned as (
    select * from reported
    union all
    select * from represented_countries
),

combined as (
    select
        agreement_id,
        actor_id,
        -- a country both reported and represented counts as reported
        min(party_basis) as party_basis,
        max(source_count) as source_count,
    from unioned
    where actor_id in (select actor_id from actors)
    group by agreement_id, actor_id
),

final as (
    select agreement_id, actor_id, party_basis, source_count
    from combined
    qualify source_count * 2 > max(source_count) over (partition by agreement_id)
)

select * from final
