{#- Entity resolution: every distinct actor name reference → one actor_id.

    In order, the first that applies wins:
      1. gazetteer_key   the extractor already named a gazetteer actor
      2. country_code    a country reference with an ISO code
      3. alias           the normalized name equals a canonical name or alias of exactly one actor
      4. transliteration the transliteration keys are equal for exactly one actor (Araghchi/Araqchi)
      5. fuzzy           people with ≥ 2 name tokens: Jaro–Winkler ≥ var actor_fuzzy_threshold on the
                         transliteration key AND the same surname key (or Jaro–Winkler ≥ 0.9 on it)
                         AND a compatible first name (equal key, or an initial, or same first letter
                         with Jaro–Winkler ≥ 0.9) AND compatible countries; organizations need
                         ≥ var actor_fuzzy_threshold_org on the whole key. The best score must
                         belong to one actor only.
      6. surname         a one-word person name equal to the surname key of exactly one known person
      7. discovered      no match: names are grouped by transliteration key and fuzzy-linked with
                         the same guards as 5; each group is a new actor.
    Guards: types must agree, countries must not conflict, and an ambiguous match (two actors
    share the best score, e.g. a surname two people share) never resolves — it becomes its own
    actor rather than a wrong merge.

    Analyst judgements (osint judge) come last and override the steps: an actor merged into another
    is replaced by it, and a name form split off an actor goes to the split's target (the latest
    split wins); either gives resolution_method 'analyst'. -#}
with

references_ as (
    select * from {{ ref('int_actor_references') }}
),

targets as (
    select * from {{ ref('int_actor_targets') }}
),

catalogue as (
    select * from {{ ref('int_actors_catalogued') }}
),

reference_tokens as (
    select
        *,
        string_split(name_translit, ' ') as tokens,
        len(string_split(name_translit, ' ')) as token_count,
    from references_
),

target_tokens as (
    select
        *,
        string_split(name_translit, ' ') as tokens,
    from targets
),

by_gazetteer_key as (
    select reference_tokens.reference_key, catalogue.actor_id, 1 as step, 1.0 as score
    from reference_tokens
    inner join catalogue on catalogue.actor_id = reference_tokens.actor_key
),

by_country_code as (
    select reference_tokens.reference_key, catalogue.actor_id, 2 as step, 1.0 as score
    from reference_tokens
    inner join catalogue
        on catalogue.actor_type = 'country'
        and catalogue.country_code = reference_tokens.country_code
    where reference_tokens.actor_type = 'country'
),

by_alias as (
    select distinct reference_tokens.reference_key, target_tokens.actor_id, 3 as step, 1.0 as score
    from reference_tokens
    inner join target_tokens
        on target_tokens.name_normalized = reference_tokens.name_normalized
        and target_tokens.actor_type = reference_tokens.actor_type
),

by_transliteration as (
    select distinct reference_tokens.reference_key, target_tokens.actor_id, 4 as step, 1.0 as score
    from reference_tokens
    inner join target_tokens
        on target_tokens.name_translit = reference_tokens.name_translit
        and target_tokens.actor_type = reference_tokens.actor_type
),

fuzzy_person_pairs as (
    select
        reference_tokens.reference_key,
        target_tokens.actor_id,
        5 as step,
        jaro_winkler_similarity(reference_tokens.name_translit, target_tokens.name_translit) as score,
    from reference_tokens
    inner join target_tokens
        on target_tokens.actor_type = 'person'
        and len(target_tokens.tokens) >= 2
        -- blocking keeps the comparison set small: compatible names share the first letter of the
        -- first name (an initial included); surname variants share their first two letters
        and left(target_tokens.tokens[1], 1) = left(reference_tokens.tokens[1], 1)
        and left(target_tokens.tokens[-1], 2) = left(reference_tokens.tokens[-1], 2)
    where reference_tokens.actor_type = 'person'
        and reference_tokens.token_count >= 2
        and (reference_tokens.country_code is null or target_tokens.country_code is null
            or reference_tokens.country_code = target_tokens.country_code)
        and {{ compatible_person_names('reference_tokens.tokens', 'target_tokens.tokens') }}
),

fuzzy_org_pairs as (
    select
        reference_tokens.reference_key,
        target_tokens.actor_id,
        5 as step,
        jaro_winkler_similarity(reference_tokens.name_translit, target_tokens.name_translit) as score,
    from reference_tokens
    inner join target_tokens
        on target_tokens.actor_type = 'organization'
        and left(target_tokens.name_translit, 1) = left(reference_tokens.name_translit, 1)
    where reference_tokens.actor_type = 'organization'
        and length(reference_tokens.name_translit) >= 6
        and jaro_winkler_similarity(reference_tokens.name_translit, target_tokens.name_translit) >= {{ var('actor_fuzzy_threshold_org') }}
),

by_fuzzy as (
    select * from fuzzy_person_pairs
    where score >= {{ var('actor_fuzzy_threshold') }}
    union all
    select * from fuzzy_org_pairs
),

known_surnames as (
    select tokens[-1] as surname, actor_id
    from target_tokens
    where actor_type = 'person' and len(tokens) >= 2
),

by_surname as (
    select distinct reference_tokens.reference_key, known_surnames.actor_id, 6 as step, 1.0 as score
    from reference_tokens
    inner join known_surnames on known_surnames.surname = reference_tokens.name_translit
    where reference_tokens.actor_type = 'person'
        and reference_tokens.token_count = 1
),

candidates as (
    select * from by_gazetteer_key
    union all select * from by_country_code
    union all select * from by_alias
    union all select * from by_transliteration
    union all select * from by_fuzzy
    union all select * from by_surname
),

best_per_step as (
    -- within a step, the best score must belong to exactly one actor
    select
        reference_key,
        step,
        max(score) as best_score,
        count(distinct actor_id) filter (where score = best_score_window) as actors_at_best,
        min(actor_id) filter (where score = best_score_window) as actor_id,
    from (
        select *, max(score) over (partition by reference_key, step) as best_score_window
        from candidates
    ) as scored_candidates
    group by reference_key, step
),

known_resolution as (
    select reference_key, actor_id, step, best_score
    from best_per_step
    where actors_at_best = 1
    qualify row_number() over (partition by reference_key order by step) = 1
),

ambiguous as (
    -- matched several actors equally well at its first matching step: never merged
    select reference_key
    from best_per_step
    qualify row_number() over (partition by reference_key order by step) = 1
        and actors_at_best > 1
),

unresolved as (
    select reference_tokens.*
    from reference_tokens
    where reference_tokens.reference_key not in (select reference_key from known_resolution)
),

-- discovered actors: one node per (type, transliteration key), fuzzy-linked with the same guards
discovered_nodes as (
    select
        actor_type || '|' || name_translit as node_id,
        actor_type,
        name_translit,
        any_value(tokens) as tokens,
        any_value(token_count) as token_count,
        -- the id is made from a spelling that occurs, not from the transliteration key
        min(name_normalized) as display_name,
    from unresolved
    group by actor_type, name_translit
),

discovered_edges as (
    select left_node.node_id as from_id, right_node.node_id as to_id
    from discovered_nodes as left_node
    inner join discovered_nodes as right_node
        on right_node.actor_type = left_node.actor_type
        and right_node.node_id > left_node.node_id
        and left(right_node.tokens[1], 1) = left(left_node.tokens[1], 1)
        and left(right_node.tokens[-1], 2) = left(left_node.tokens[-1], 2)
    where (
            left_node.actor_type = 'person'
            and left_node.token_count >= 2 and right_node.token_count >= 2
            and {{ compatible_person_names('left_node.tokens', 'right_node.tokens') }}
            and jaro_winkler_similarity(left_node.name_translit, right_node.name_translit) >= {{ var('actor_fuzzy_threshold') }}
        )
        or (
            left_node.actor_type <> 'person'
            and length(left_node.name_translit) >= 6
            and jaro_winkler_similarity(left_node.name_translit, right_node.name_translit) >= {{ var('actor_fuzzy_threshold_org') }}
        )
),

discovered_components as (
    select * from {{ connected_components('discovered_nodes', 'discovered_edges') }}
),

discovered_representatives as (
    -- a discovered actor is named after its fullest name form
    select
        discovered_components.component_id,
        arg_min(
            discovered_nodes.actor_type || '-' || {{ slugify('discovered_nodes.display_name') }},
            -- fullest name first, then shortest spelling, then alphabetical
            [lpad((100 - discovered_nodes.token_count)::varchar, 3, '0'), lpad(length(discovered_nodes.display_name)::varchar, 4, '0'), discovered_nodes.display_name]
        ) as actor_id,
    from discovered_components
    inner join discovered_nodes on discovered_nodes.node_id = discovered_components.node_id
    group by discovered_components.component_id
),

discovered_surnames as (
    -- a one-word person name joins the single discovered multi-word person with that surname
    select discovered_nodes.tokens[-1] as surname, min(discovered_representatives.actor_id) as actor_id
    from discovered_nodes
    inner join discovered_components on discovered_components.node_id = discovered_nodes.node_id
    inner join discovered_representatives on discovered_representatives.component_id = discovered_components.component_id
    where discovered_nodes.actor_type = 'person' and discovered_nodes.token_count >= 2
    group by discovered_nodes.tokens[-1]
    having count(distinct discovered_representatives.actor_id) = 1
),

discovered_resolution as (
    select
        unresolved.reference_key,
        coalesce(
            case when unresolved.actor_type = 'person' and unresolved.token_count = 1
                    and unresolved.reference_key not in (select reference_key from ambiguous)
                then discovered_surnames.actor_id end,
            discovered_representatives.actor_id
        ) as actor_id,
        7 as step,
        null::double as best_score,
    from unresolved
    inner join discovered_components
        on discovered_components.node_id = unresolved.actor_type || '|' || unresolved.name_translit
    inner join discovered_representatives
        on discovered_representatives.component_id = discovered_components.component_id
    left join discovered_surnames
        on discovered_surnames.surname = unresolved.name_translit
),

resolved as (
    select * from known_resolution
    union all
    select * from discovered_resolution
),

judged_merges as (
    select * from {{ ref('int_actor_merges_judged') }}
),

judged_splits as (
    select actor_id, other_actor_id, judgement_id, judged_at, unnest(name_forms) as name_form
    from {{ ref('stg_raw__analyst_judgements') }}
    where is_active and action = 'split'
),

merged as (
    select
        resolved.reference_key,
        coalesce(judged_merges.to_actor_id, resolved.actor_id) as actor_id,
        judged_merges.from_actor_id is not null as was_merged,
    from resolved
    left join judged_merges on judged_merges.from_actor_id = resolved.actor_id
),

split_off as (
    select
        merged.reference_key,
        coalesce(target_merges.to_actor_id, judged_splits.other_actor_id) as actor_id,
    from merged
    inner join reference_tokens on reference_tokens.reference_key = merged.reference_key
    inner join judged_splits
        on judged_splits.actor_id = merged.actor_id
        and {{ normalized_name('judged_splits.name_form') }} = reference_tokens.name_normalized
    left join judged_merges as target_merges on target_merges.from_actor_id = judged_splits.other_actor_id
    qualify row_number() over (
        partition by merged.reference_key order by judged_splits.judged_at desc, judged_splits.judgement_id desc
    ) = 1
),

final as (
    select
        reference_tokens.reference_key,
        reference_tokens.actor_key,
        reference_tokens.actor_name,
        reference_tokens.actor_type,
        reference_tokens.country_code,
        reference_tokens.name_normalized,
        reference_tokens.name_translit,
        reference_tokens.token_count,
        coalesce(split_off.actor_id, merged.actor_id) as actor_id,
        case when split_off.actor_id is not null or merged.was_merged then 'analyst' else
        case resolved.step
            when 1 then 'gazetteer_key' when 2 then 'country_code' when 3 then 'alias'
            when 4 then 'transliteration' when 5 then 'fuzzy' when 6 then 'surname' else 'discovered'
        end end as resolution_method,
        resolved.best_score as resolution_score,
        reference_tokens.reference_key in (select reference_key from ambiguous) as was_ambiguous,
    from reference_tokens
    inner join resolved on resolved.reference_key = reference_tokens.reference_key
    inner join merged on merged.reference_key = reference_tokens.reference_key
    left join split_off on split_off.reference_key = reference_tokens.reference_key
)

select * from final
