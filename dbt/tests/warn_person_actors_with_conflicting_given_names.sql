{#- A person actor whose name forms carry given names no one person has ("<A> Smith" and "<B> Smith" merged
    into one actor): a wrong merge puts one person's words on another. Listed on every build (warn: the
    merge is the extractor's, an analyst decides); `osint_conflicting_given_names` owns the rule. The forms the
    gazetteer itself gives a seed actor (a nickname and the formal name, two romanizations) are one person's by
    definition: only a form the texts added can conflict with them. -#}
{{ config(severity='warn') }}

with

seeded as (
    select
        actor_id,
        list_append(osint_seed_list(aliases), canonical_name) as known_forms,
    from {{ ref('actor_gazetteer') }}
    where actor_type = 'person'
),

checked as (
    select
        actors.actor_id,
        actors.canonical_name,
        actors.aliases,
        osint_conflicting_given_names(
            list_append(actors.aliases, actors.canonical_name), coalesce(seeded.known_forms, []::varchar[])
        ) as given_names,
    from {{ ref('dim_actors') }} as actors
    left join seeded on seeded.actor_id = actors.actor_id
    where actors.actor_type = 'person'
)

select * from checked
where len(given_names) > 0
