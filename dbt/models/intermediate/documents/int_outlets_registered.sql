with

registry as (
    select * from {{ ref('outlet_registry') }}
),

split_lists as (
    select
        outlet_id,
        trim(name) as name,
        lower(trim(platform)) as platform,
        list_transform({{ seed_list('handles') }}, h -> lower(h)) as handles,
        list_transform({{ seed_list('domains') }}, d -> lower(d)) as domains,
        {{ seed_list('aliases') }} as aliases,
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
