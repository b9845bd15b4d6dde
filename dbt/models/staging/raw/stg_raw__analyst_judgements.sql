{#- Analyst judgements (osint judge), one row per merge / split / reject, with is_active false once
    a later undo names it. Undo rows themselves are not listed: they only switch others off. -#}
with

source as (
    select * from {{ source_or_empty('raw', 'analyst_judgements', {
        'judgement_id': 'varchar', 'action': 'varchar', 'actor_id': 'varchar', 'other_actor_id': 'varchar',
        'other_actor_name': 'varchar', 'mention_ids': 'varchar[]', 'name_forms': 'varchar[]',
        'fact_type': 'varchar', 'fact_id': 'varchar', 'report_ids': 'varchar[]', 'undoes': 'varchar',
        'reason': 'varchar', 'judged_by': 'varchar', 'judged_at': 'timestamp'}) }}
),

undone as (
    select distinct undoes as judgement_id
    from source
    where action = 'undo' and undoes is not null
),

final as (
    select
        source.judgement_id,
        source.action,
        source.actor_id,
        source.other_actor_id,
        source.other_actor_name,
        coalesce(source.mention_ids, []) as mention_ids,
        coalesce(source.name_forms, []) as name_forms,
        source.fact_type,
        source.fact_id,
        coalesce(source.report_ids, []) as report_ids,
        source.reason,
        source.judged_by,
        source.judged_at,
        undone.judgement_id is null as is_active,
    from source
    left join undone on undone.judgement_id = source.judgement_id
    where source.action <> 'undo'
)

select * from final
