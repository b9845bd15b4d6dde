{#- One row per real-world actor: catalogued actors (gazetteer, ISO countries) that are curated or
    referenced, plus actors discovered in text. Aliases collect the curated aliases and every
    name form the documents use (role phrases excluded).

    Analyst judgements: an actor merged into another is gone, its curated names become the
    survivor's aliases; an actor that exists only because an analyst split names or mentions off
    another (origin 'analyst') is named as the analyst said, else by its fullest, most frequent
    form. -#}
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

judged_merges as (
    select * from {{ ref('int_actor_merges_judged') }}
),

split_names as (
    -- the name an analyst gave the target of a split (the latest one)
    select other_actor_id as actor_id, other_actor_name as canonical_name
    from {{ ref('stg_raw__analyst_judgements') }}
    where is_active and action = 'split' and other_actor_name is not null
    qualify row_number() over (partition by other_actor_id order by judged_at desc, judgement_id desc) = 1
),

merged_in_names as (
    select
        judged_merges.to_actor_id as actor_id,
        flatten(list(list_prepend(catalogue.canonical_name, catalogue.aliases))) as names,
    from judged_merges
    inner join catalogue on catalogue.actor_id = judged_merges.from_actor_id
    group by judged_merges.to_actor_id
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
            catalogue.aliases || coalesce(observed.observed_names, []) || coalesce(merged_in_names.names, []),
            alias -> alias <> catalogue.canonical_name
        ))) as aliases,
        catalogue.wikidata_qid,
        catalogue.role,
        case when catalogue.origin = 'gazetteer' then 'gazetteer' else 'iso' end as origin,
    from catalogue
    left join observed on observed.actor_id = catalogue.actor_id
    left join merged_in_names on merged_in_names.actor_id = catalogue.actor_id
    where (catalogue.origin = 'gazetteer' or observed.actor_id is not null)
        and catalogue.actor_id not in (select from_actor_id from judged_merges)
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

analyst_form_counts as (
    select actor_id, name_form, actor_type, country_code, len(string_split(name_form, ' ')) as token_count, count(*) as form_count
    from (
        select actor_id, actor_name as name_form, actor_type, country_code from names
        where resolution_method = 'analyst'
        union all
        select actor_id, mention_text as name_form, actor_type, country_code from mentions
        where resolution_method = 'analyst' and method not in ('role', 'pattern', 'coreference')
    ) as analyst_forms
    group by all
),

analyst_named as (
    select
        actor_id,
        first(name_form order by token_count desc, form_count desc, length(name_form), name_form) as form_name,
        first(actor_type order by form_count desc, actor_type) as actor_type,
        first(country_code order by (country_code is null), form_count desc, country_code) as country_code,
    from analyst_form_counts
    group by actor_id
),

analyst as (
    select
        analyst_named.actor_id,
        coalesce(split_names.canonical_name, analyst_named.form_name) as canonical_name,
        analyst_named.actor_type,
        analyst_named.country_code,
        list_sort(list_filter(observed.observed_names, alias -> alias <> coalesce(split_names.canonical_name, analyst_named.form_name))) as aliases,
        null::varchar as wikidata_qid,
        null::varchar as role,
        'analyst' as origin,
    from analyst_named
    left join split_names on split_names.actor_id = analyst_named.actor_id
    left join observed on observed.actor_id = analyst_named.actor_id
    where analyst_named.actor_id not in (select actor_id from catalogue)
        and analyst_named.actor_id not in (select actor_id from discovered)
),

final as (
    select * from catalogued
    union all
    select * from discovered
    union all
    select * from analyst
)

select * from final
