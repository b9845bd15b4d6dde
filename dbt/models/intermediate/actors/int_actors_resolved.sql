{#- One row per real-world actor: catalogued actors (gazetteer, ISO countries) that are curated or
    referenced, plus actors discovered in text. Aliases collect the curated aliases and every
    name form the documents use (role phrases excluded). -#}
with

catalogue as (
    select * from {{ ref('int_actors_catalogued') }}
),

names as (
    select * from {{ ref('int_actor_names_resolved') }}
),

mentions as (
    select * from {{ ref('int_actor_mentions_resolved') }}
),

observed_forms as (
    select actor_id, actor_name as name_form from names
    union
    select actor_id, mention_text as name_form from mentions
    -- a role ("the top diplomat") or a pronoun-like reference is evidence, not another name
    where method not in ('role', 'pattern', 'coreference')
),

observed as (
    select actor_id, list_sort(list_distinct(list(name_form))) as observed_names
    from observed_forms
    group by actor_id
),

catalogued as (
    select
        catalogue.actor_id,
        catalogue.canonical_name,
        catalogue.actor_type,
        catalogue.country_code,
        list_sort(list_distinct(list_filter(
            catalogue.aliases || coalesce(observed.observed_names, []),
            alias -> alias <> catalogue.canonical_name
        ))) as aliases,
        catalogue.wikidata_qid,
        catalogue.role,
        case when catalogue.origin = 'gazetteer' then 'gazetteer' else 'iso' end as origin,
    from catalogue
    left join observed on observed.actor_id = catalogue.actor_id
    where catalogue.origin = 'gazetteer' or observed.actor_id is not null
),

discovered_name_counts as (
    select actor_id, actor_name, actor_type, country_code, token_count, count(*) as references_count
    from names
    where resolution_method = 'discovered'
    group by all
),

discovered_names as (
    -- named by its fullest, then most frequent, then shortest surface form (alphabetical on a tie,
    -- so a rebuild always picks the same name); type and country: the most frequent, same tie-break
    select
        actor_id,
        first(actor_name order by token_count desc, references_count desc, length(actor_name), actor_name)
            as canonical_name,
        first(actor_type order by references_count desc, actor_type) as actor_type,
        first(country_code order by (country_code is null), references_count desc, country_code) as country_code,
    from discovered_name_counts
    group by actor_id
),

discovered as (
    select
        discovered_names.actor_id,
        discovered_names.canonical_name,
        discovered_names.actor_type,
        discovered_names.country_code,
        list_sort(list_filter(observed.observed_names, alias -> alias <> discovered_names.canonical_name)) as aliases,
        null::varchar as wikidata_qid,
        null::varchar as role,
        'text' as origin,
    from discovered_names
    left join observed on observed.actor_id = discovered_names.actor_id
    where discovered_names.actor_id not in (select actor_id from catalogue)
),

final as (
    select * from catalogued
    union all
    select * from discovered
)

select * from final
