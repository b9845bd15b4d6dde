with

registry as (
    select * from {{ ref('outlet_registry') }}
),

split_lists as (
    select
        outlet_id,
        trim(name) as name,
        lower(trim(platform)) as platform,
        list_filter(list_transform(string_split(coalesce(handles, ''), '|'), h -> lower(trim(h))), h -> h <> '') as handles,
        list_filter(list_transform(string_split(coalesce(domains, ''), '|'), d -> lower(trim(d))), d -> d <> '') as domains,
        list_filter(list_transform(string_split(coalesce(aliases, ''), '|'), a -> trim(a)), a -> a <> '') as aliases,
        nullif(upper(trim(country_code)), '') as country_code,
        coalesce(state_affiliated, false) as state_affiliated,
        upper(trim(reliability_grade)) as reliability_grade,
        nullif(trim(rationale), '') as reliability_rationale,
    from registry
),

final as (
    select
        *,
        -- every lowercase name an outlet goes by, for matching bylines and attributions
        list_distinct(list_transform(list_prepend(name, aliases), n -> lower(n))) as match_names,
    from split_lists
)

select * from final
