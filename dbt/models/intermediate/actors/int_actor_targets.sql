{#- Everything a name can resolve to: the curated gazetteer (canonical names and aliases) plus every
    ISO country (so 'Kazakhstan' resolves even when the gazetteer lacks it), one row per
    (actor, name form) with matching keys. -#}
with

actors as (
    select * from {{ ref('int_actors_catalogued') }}
),

name_forms as (
    select actor_id, actor_type, country_code, canonical_name as name_form, true as is_canonical from actors
    union all
    select actor_id, actor_type, country_code, unnest(aliases) as name_form, false as is_canonical from actors
    union all
    -- countries are also written by their ISO code ('RUS', 'IRN')
    select actor_id, actor_type, country_code, country_code as name_form, false as is_canonical from actors
    where actor_type = 'country' and country_code is not null
),

normalized as (
    select
        *,
        {{ normalized_name('name_form') }} as name_normalized,
    from name_forms
),

final as (
    select
        actor_id,
        actor_type,
        country_code,
        name_form,
        is_canonical,
        name_normalized,
        {{ translit_key('name_normalized') }} as name_translit,
        len(string_split(name_normalized, ' ')) as token_count,
    from normalized
    where name_normalized <> ''
)

select distinct * from final
