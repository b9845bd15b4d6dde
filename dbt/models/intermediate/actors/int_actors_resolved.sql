with

gazetteer as (
    select * from {{ ref('actor_gazetteer') }}
),

mentions as (
    select * from {{ ref('int_actor_mentions_resolved') }}
),

seeded as (
    select
        actor_id,
        canonical_name,
        actor_type,
        nullif(upper(country_code), '') as country_code,
        list_filter(
            list_transform(string_split(coalesce(aliases, ''), '|'), alias -> trim(alias)), alias -> alias <> ''
        ) as aliases,
        nullif(wikidata_qid, '') as wikidata_qid,
        nullif(role, '') as role,
        'gazetteer' as origin,
    from gazetteer
),

discovered as (
    -- actors the gazetteer does not know: named by their most frequent surface form
    select
        actor_id,
        mode(actor_name) as canonical_name,
        mode(actor_type) as actor_type,
        mode(country_code) as country_code,
        list_sort(list_distinct(list(mention_text))) as aliases,
        null::varchar as wikidata_qid,
        null::varchar as role,
        'text' as origin,
    from mentions
    where not is_gazetteer_actor
        and actor_id not in (select actor_id from seeded)
    group by actor_id
),

final as (
    select * from seeded
    union all
    select * from discovered
)

select * from final
