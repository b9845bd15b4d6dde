{#- One outlet / channel / publisher: every registry entry plus every outlet met in documents or
    citations that the registry lacks (graded F, "cannot be judged"). -#}
with

registry as (
    select * from {{ ref('int_outlets_registered') }}
),

references_ as (
    select * from {{ ref('int_outlet_references_resolved') }}
),

document_counts as (
    select outlet_id, count(*) as document_count
    from references_
    where reference_type = 'document'
    group by outlet_id
),

registered as (
    select
        outlet_id,
        name,
        platform,
        handles[1] as handle,
        handles,
        domains[1] as domain,
        domains,
        aliases,
        country_code,
        state_affiliated,
        reliability_grade,
        reliability_rationale,
        true as in_registry,
    from registry
),

unregistered as (
    select
        outlet_id,
        mode(outlet_name order by outlet_name) as name,
        -- a platform seen in any reference beats 'unknown'
        coalesce(mode(platform_hint order by platform_hint) filter (where platform_hint <> 'unknown'), 'unknown') as platform,
        min(handle) as handle,
        list_sort(list_distinct(list(handle) filter (where handle is not null))) as handles,
        min(domain) as domain,
        list_sort(list_distinct(list(domain) filter (where domain is not null))) as domains,
        []::varchar[] as aliases,
        null::varchar as country_code,
        null::boolean as state_affiliated,
        'F' as reliability_grade,
        'Not in the outlet registry: reliability cannot be judged.' as reliability_rationale,
        false as in_registry,
    from references_
    where not is_registered
        and outlet_id not in (select outlet_id from registry)
    group by outlet_id
),

unioned as (
    select * from registered
    union all
    select * from unregistered
),

final as (
    select
        unioned.*,
        coalesce(document_counts.document_count, 0) as document_count,
    from unioned
    left join document_counts on document_counts.outlet_id = unioned.outlet_id
)

select * from final
