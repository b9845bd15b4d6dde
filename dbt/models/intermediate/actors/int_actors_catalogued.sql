{#- The actors a name can resolve to, one row each (gazetteer, then ISO countries it lacks). -#}
with

gazetteer as (
    select * from {{ ref('actor_gazetteer') }}
),

countries as (
    select * from {{ ref('country_codes') }}
),

gazetteer_actors as (
    select
        actor_id,
        trim(canonical_name) as canonical_name,
        lower(trim(actor_type)) as actor_type,
        nullif(upper(trim(country_code)), '') as country_code,
        {{ seed_list('aliases') }} as aliases,
        nullif(trim(wikidata_qid), '') as wikidata_qid,
        nullif(trim(role), '') as role,
        'gazetteer' as origin,
    from gazetteer
),

iso_countries as (
    select
        'country-' || lower(alpha3) as actor_id,
        name as canonical_name,
        'country' as actor_type,
        alpha3 as country_code,
        []::varchar[] as aliases,
        null::varchar as wikidata_qid,
        null::varchar as role,
        'iso' as origin,
    from countries
    where 'country-' || lower(alpha3) not in (select actor_id from gazetteer_actors)
),

final as (
    select * from gazetteer_actors
    union all
    select * from iso_countries
)

select * from final
