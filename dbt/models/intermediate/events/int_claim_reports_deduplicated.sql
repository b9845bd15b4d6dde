{#- Claim reports deduplicated into statements: the same speaker and the same words are one
    statement however many documents quote it. Reports with the same speaker and normalized text
    are grouped; groups of one speaker are linked when their texts are near-identical (Jaro–Winkler
    ≥ 0.93) or one contains the other (a partial quote of ≥ 40 characters). Comparisons are blocked
    on the first or the last three words so a prolific speaker does not cost a cross join. -#}
with

reports as (
    select * from {{ ref('stg_nlp__claims') }}
),

names as (
    select * from {{ ref('int_actor_names_resolved') }}
),

outlet_references as (  -- noqa: ST03
    select * from {{ ref('int_outlet_references_resolved') }}
),

registry as (
    select * from {{ ref('int_outlets_registered') }}
),

speakers as (
    select
        reports.*,
        case when reports.speaker_type in ('person', 'country', 'organization') then names.actor_id end as speaker_actor_id,
        registry.outlet_id as speaker_outlet_id,
        {{ normalized_text('reports.claim_text') }} as text_normalized,
    from reports
    left join names
        on names.reference_key = {{ actor_reference_key('reports.speaker_actor_key', 'reports.speaker_name', 'reports.speaker_type', 'null') }}
    left join registry
        on registry.outlet_id = reports.speaker_outlet_key
        or (reports.speaker_type = 'outlet' and reports.speaker_outlet_key is null
            and list_contains(registry.match_names, lower(reports.speaker_name)))
    qualify row_number() over (partition by reports.claim_report_id order by registry.outlet_id) = 1
),

keyed as (
    select
        *,
        coalesce(
            speaker_actor_id,
            'outlet:' || speaker_outlet_id,
            'name:' || lower(coalesce(speaker_name, speaker_text)),
            'unattributed'
        ) as speaker_key,
    from speakers
),

report_groups as (
    select *, md5(speaker_key || '|' || text_normalized) as group_id
    from keyed
),

groups_ as (
    select distinct
        group_id,
        speaker_key,
        text_normalized,
        array_to_string(string_split(text_normalized, ' ')[1:3], ' ') as first_words,
        array_to_string(string_split(text_normalized, ' ')[-3:], ' ') as last_words,
    from report_groups
),

candidate_pairs as (
    -- two equi-joins, not one join with an OR: an OR leaves only speaker_key to hash on, and a
    -- prolific speaker's groups then meet every other group of theirs
    select left_group.group_id as left_id, right_group.group_id as right_id
    from groups_ as left_group
    inner join groups_ as right_group
        on right_group.speaker_key = left_group.speaker_key
        and right_group.first_words = left_group.first_words
        and right_group.group_id > left_group.group_id
    union
    select left_group.group_id as left_id, right_group.group_id as right_id
    from groups_ as left_group
    inner join groups_ as right_group
        on right_group.speaker_key = left_group.speaker_key
        and right_group.last_words = left_group.last_words
        and right_group.group_id > left_group.group_id
),

edges as (
    select candidate_pairs.left_id as from_id, candidate_pairs.right_id as to_id
    from candidate_pairs
    inner join groups_ as left_group on left_group.group_id = candidate_pairs.left_id
    inner join groups_ as right_group on right_group.group_id = candidate_pairs.right_id
    where jaro_winkler_similarity(left_group.text_normalized, right_group.text_normalized) >= 0.93
        or (least(length(left_group.text_normalized), length(right_group.text_normalized)) >= 40
            and (contains(left_group.text_normalized, right_group.text_normalized)
                or contains(right_group.text_normalized, left_group.text_normalized)))
),

nodes as (
    select group_id as node_id from groups_
),

components as (
    select * from {{ connected_components('nodes', 'edges') }}
),

final as (
    select
        report_groups.claim_report_id,
        'claim-' || left(md5(components.component_id), 16) as claim_id,
        report_groups.doc_id,
        report_groups.extractor_version,
        report_groups.claim_index,
        report_groups.sentence_index,
        report_groups.char_start,
        report_groups.char_end,
        report_groups.claim_text,
        report_groups.text_normalized,
        report_groups.is_direct_quote,
        report_groups.cue,
        report_groups.speaker_text,
        report_groups.speaker_name,
        report_groups.speaker_type,
        report_groups.speaker_actor_id,
        report_groups.speaker_outlet_id,
        report_groups.speaker_key,
        report_groups.speaker_role,
        report_groups.confidence,
    from report_groups
    inner join components on components.node_id = report_groups.group_id
)

select * from final
