{#- Analyst merges as a map from an absorbed actor to the actor that survives, chains followed
    (B merged into A and C into B: C → A). When one actor was merged twice, the latest judgement
    wins. `osint judge merge` refuses a merge that would close a cycle; the depth cap only keeps a
    hand-edited CSV from looping. -#}
with recursive

latest_merges as (
    select other_actor_id as from_actor_id, actor_id as to_actor_id, judgement_id
    from {{ ref('stg_raw__analyst_judgements') }}
    where is_active and action = 'merge' and other_actor_id <> actor_id
    qualify row_number() over (partition by other_actor_id order by judged_at desc, judgement_id desc) = 1
),

chains as (
    select from_actor_id, to_actor_id, judgement_id, 1 as depth
    from latest_merges
    union all
    select chains.from_actor_id, latest_merges.to_actor_id, chains.judgement_id, chains.depth + 1 as depth
    from chains
    inner join latest_merges on latest_merges.from_actor_id = chains.to_actor_id
    where chains.depth < 20
),

final as (
    select
        from_actor_id,
        arg_max(to_actor_id, depth) as to_actor_id,
        arg_min(judgement_id, depth) as judgement_id,
    from chains
    group by from_actor_id
)

select * from final
