{#- Agreement reports merged into agreements across documents.

    Reports with identical signatures (name tokens, party countries, date, duration, article
    count; for a report without content tokens and with fewer than two parties, also its document;
    for one content token and no party — "Brexit deal" names several deals in a year — its month)
    are grouped first; groups are then linked when ALL of these agree:
      name     content tokens (generic words, numbers and place names dropped; partnership ≡
               cooperation) share ≥ 2 tokens, or all of a one-token name, and the overlap is
               ≥ 60 % of the shorter name
      parties  party countries share ≥ 2 (or all of a one-party set); a report without parties
               needs the stronger name test (≥ 2 shared tokens, ≥ 60 % of the longer name)
      dates    both day-precise within var agreement_date_window_days, or the same month / year
               at the coarser precision, or either undated
      numbers  duration_years and article_count equal when both are stated
    Linked groups form connected components; each component is one agreement, unless reports in it
    state conflicting durations or article counts (linked through a report stating none): then the
    most reported value keeps the agreement and each minority value becomes an agreement of its own. A planned
    agreement and its signature are the same agreement (status takes the most advanced report).
    Last, an unnamed and undated report of two or more parties, published within the window after
    those parties signed exactly one agreement on a known day, joins that agreement. -#}
with

reports as (
    select * from {{ ref('stg_nlp__agreements') }}
),

parties as (
    select * from {{ ref('stg_nlp__agreement_parties') }}
),

names as (
    select * from {{ ref('int_actor_names_resolved') }}
),

actors as (
    select * from {{ ref('int_actors_catalogued') }}
),

country_words as (
    -- words of place names (countries, their aliases, capitals, cities, demonyms)
    -- are not part of what an agreement is called; they all come from the seeds
    select distinct unnest(string_split_regex(lower(strip_accents(place_name)), '[^a-z]+')) as token
    from (
        select name as place_name from {{ ref('country_codes') }}
        union all
        select name from {{ ref('places') }}
        union all
        select unnest(list_append({{ seed_list('aliases') }}, canonical_name))
        from {{ ref('actor_gazetteer') }}
        where actor_type = 'country'
    )
),

party_countries as (
    -- a party is counted as its country: Putin signs for Russia
    select distinct
        parties.agreement_report_id,
        case
            when names.actor_type = 'country' then names.actor_id
            when coalesce(actors.country_code, names.country_code) is not null
                then 'country-' || lower(coalesce(actors.country_code, names.country_code))
            else names.actor_id
        end as party_id,
    from parties
    inner join names
        on names.reference_key = {{ actor_reference_key('parties.actor_key', 'parties.actor_name', 'parties.actor_type', 'null') }}
    left join actors on actors.actor_id = names.actor_id
),

party_sets as (
    select agreement_report_id, list_sort(list(party_id)) as party_ids
    from party_countries
    group by agreement_report_id
),

report_tokens as (
    select agreement_report_id, unnest({{ agreement_name_tokens('name') }}) as token
    from reports
),

name_tokens as (
    select report_tokens.agreement_report_id, list_sort(list(report_tokens.token)) as tokens
    from report_tokens
    where report_tokens.token not in (select token from country_words)
    group by report_tokens.agreement_report_id
),

signed as (
    select
        reports.*,
        coalesce(name_tokens.tokens, []::varchar[]) as tokens,
        coalesce(party_sets.party_ids, []::varchar[]) as party_ids,
        strftime(report_documents.reported_at, '%Y-%m') as reported_month,
    from reports
    left join name_tokens on name_tokens.agreement_report_id = reports.agreement_report_id
    left join party_sets on party_sets.agreement_report_id = reports.agreement_report_id
    left join {{ ref('stg_raw__documents') }} as report_documents on report_documents.doc_id = reports.doc_id
),

report_groups as (
    select
        *,
        md5(concat_ws('|',
            array_to_string(tokens, ' '), array_to_string(party_ids, ' '),
            coalesce(signed_date::varchar, ''), date_precision,
            coalesce(duration_years::varchar, ''), coalesce(article_count::varchar, ''),
            -- a report named by generic words only ("the deal", "Paris Agreement" without its place word)
            -- and with fewer than two parties says nothing that tells its agreement from another: it is
            -- grouped with its own document's reports only (concat_ws skips the null of every other report)
            case
                when len(tokens) = 0 and len(party_ids) < 2 then 'doc:' || doc_id
                -- one content word and no party ("Brexit deal", "Gaza ceasefire"): one month's coverage
                -- of it is one agreement, a year's may be several
                when len(tokens) = 1 and len(party_ids) = 0 then 'month:' || coalesce(reported_month, doc_id)
            end
        )) as group_id,
    from signed
),

groups_ as (
    select distinct
        group_id, tokens, party_ids, signed_date, date_precision, duration_years, article_count,
    from report_groups
),

group_tokens as (
    select group_id, unnest(tokens) as token from groups_
),

-- Blocking: only pairs that can pass the rules below are compared. Named alike needs a shared
-- token pair (or the one token of a one-token name) and two shared parties (or the one party of a
-- one-party report; a report without parties meets every party set); an unnamed report needs two
-- shared parties on days within the window. A party or a token alone would pair most of history.
token_keys as (
    -- a name's token pairs; a one-token name keys by its token
    select group_id, pair_key as token_key from {{ pair_keys('groups_', 'tokens', ['group_id']) }}
),

party_keys as (
    -- a party set's pairs; a one-party set keys by its party
    select group_id, pair_key as party_key from {{ pair_keys('groups_', 'party_ids', ['group_id']) }}
),

named_keys as (
    select token_keys.group_id, token_keys.token_key, party_keys.party_key
    from token_keys
    inner join party_keys on party_keys.group_id = token_keys.group_id
),

group_parties as (
    select group_id, unnest(party_ids) as party_id from groups_
),

day_dated_party_pairs as (
    select party_keys.group_id, len(groups_.tokens) = 0 as unnamed, groups_.signed_date, party_keys.party_key
    from party_keys
    inner join groups_ on groups_.group_id = party_keys.group_id
    where len(groups_.party_ids) >= 2 and groups_.signed_date is not null and groups_.date_precision = 'day'
),

candidate_pairs as (
    -- named alike, both with two or more parties, or both with the same single party
    select left_keys.group_id as left_id, right_keys.group_id as right_id
    from named_keys as left_keys
    inner join named_keys as right_keys
        on right_keys.token_key = left_keys.token_key
        and right_keys.party_key = left_keys.party_key
        and right_keys.group_id > left_keys.group_id
    union
    -- named alike, a one-party report against any report naming its party
    select least(one_party.group_id, other.group_id) as left_id, greatest(one_party.group_id, other.group_id) as right_id
    from named_keys as one_party
    inner join groups_ as single on single.group_id = one_party.group_id and len(single.party_ids) = 1
    inner join token_keys as other on other.token_key = one_party.token_key and other.group_id <> one_party.group_id
    inner join group_parties on group_parties.group_id = other.group_id and group_parties.party_id = one_party.party_key
    union
    -- a one-token name against every name holding that token; one token is too little to link a
    -- report without parties, so both need parties, shared as the rules below ask
    select least(one_token.group_id, other.group_id) as left_id, greatest(one_token.group_id, other.group_id) as right_id
    from groups_ as one_token
    inner join group_tokens as other on other.token = one_token.tokens[1] and other.group_id <> one_token.group_id
    inner join groups_ as other_group on other_group.group_id = other.group_id
    where len(one_token.tokens) = 1
        and len(one_token.party_ids) > 0 and len(other_group.party_ids) > 0
        and len(list_intersect(one_token.party_ids, other_group.party_ids))
            >= least(2, len(one_token.party_ids), len(other_group.party_ids))
    union
    -- named alike, a report without parties against any report of that name: the stronger name
    -- test below (two shared tokens, 60 % of the longer name), the dates and the numbers are
    -- applied here already
    select least(no_party.group_id, other.group_id) as left_id, greatest(no_party.group_id, other.group_id) as right_id
    from token_keys as no_party
    inner join groups_ as partyless on partyless.group_id = no_party.group_id and len(partyless.party_ids) = 0
    inner join token_keys as other on other.token_key = no_party.token_key and other.group_id <> no_party.group_id
    inner join groups_ as other_group on other_group.group_id = other.group_id
    where {{ agreement_numbers_compatible('partyless', 'other_group') }}
        and {{ dates_compatible('partyless.signed_date', 'partyless.date_precision', 'other_group.signed_date', 'other_group.date_precision', var('agreement_date_window_days')) }}
        and len(list_intersect(partyless.tokens, other_group.tokens))
            >= greatest(2, 0.6 * greatest(len(partyless.tokens), len(other_group.tokens)))
    union
    -- an unnamed report: two shared parties, day-dated within the window
    select least(unnamed.group_id, other.group_id) as left_id, greatest(unnamed.group_id, other.group_id) as right_id
    from day_dated_party_pairs as unnamed
    inner join day_dated_party_pairs as other
        on other.party_key = unnamed.party_key
        and other.group_id <> unnamed.group_id
        and other.signed_date between unnamed.signed_date - {{ var('agreement_date_window_days') }}
            and unnamed.signed_date + {{ var('agreement_date_window_days') }}
    where unnamed.unnamed
),

pair_features as (
    select
        left_group.group_id as left_id,
        right_group.group_id as right_id,
        len(list_intersect(left_group.tokens, right_group.tokens)) as shared_tokens,
        least(len(left_group.tokens), len(right_group.tokens)) as shorter_tokens,
        greatest(len(left_group.tokens), len(right_group.tokens)) as longer_tokens,
        len(list_intersect(left_group.party_ids, right_group.party_ids)) as shared_parties,
        least(len(left_group.party_ids), len(right_group.party_ids)) as smaller_party_set,
        {{ dates_compatible('left_group.signed_date', 'left_group.date_precision', 'right_group.signed_date', 'right_group.date_precision', var('agreement_date_window_days')) }} as dates_compatible,
        {{ agreement_numbers_compatible('left_group', 'right_group') }} as numbers_compatible,
        left_group.signed_date is not null and right_group.signed_date is not null
            and left_group.date_precision = 'day' and right_group.date_precision = 'day' as both_day_dated,
    from candidate_pairs
    inner join groups_ as left_group on left_group.group_id = candidate_pairs.left_id
    inner join groups_ as right_group on right_group.group_id = candidate_pairs.right_id
),

edges as (
    select left_id as from_id, right_id as to_id
    from pair_features
    where dates_compatible
        and numbers_compatible
        and (
            -- named alike, same parties
            (
                shorter_tokens > 0
                and shared_tokens >= least(2, shorter_tokens)
                and shared_tokens >= 0.6 * shorter_tokens
                and (
                    (smaller_party_set > 0 and shared_parties >= least(2, smaller_party_set))
                    or (smaller_party_set = 0 and shared_tokens >= 2 and shared_tokens >= 0.6 * longer_tokens)
                )
            )
            -- an unnamed "the treaty": same parties and the same day
            or (shorter_tokens = 0 and both_day_dated and smaller_party_set >= 2 and shared_parties >= 2)
        )
),

nodes as (
    select group_id as node_id from groups_
),

linked_components as (
    select * from {{ connected_components('nodes', 'edges') }}
),

documents as (
    select doc_id, reported_at from {{ ref('stg_raw__documents') }}
),

group_reported as (
    -- when a group's reports were first published (null when none is dated), and whether any of them
    -- is still unsigned
    select
        report_groups.group_id,
        min(documents.reported_at)::date as first_reported,
        bool_or(report_groups.status in ('planned', 'proposed', 'negotiated')) as any_unsigned,
    from report_groups
    inner join documents on documents.doc_id = report_groups.doc_id
    group by report_groups.group_id
),

undated_candidates as (
    -- an unnamed, undated report of two or more parties ("the two countries sign a 20-year treaty",
    -- "Landmark Iran-Russia treaty") published within the window after those parties signed an
    -- agreement on a known day is a report of it — when only one such agreement exists
    select undated.group_id, linked_components.component_id
    from groups_ as undated
    inner join group_reported on group_reported.group_id = undated.group_id
    inner join groups_ as signed_group
        on signed_group.group_id <> undated.group_id
        and signed_group.signed_date is not null
        and signed_group.date_precision = 'day'
        and len(list_intersect(undated.party_ids, signed_group.party_ids)) >= 2
        and group_reported.first_reported
            between signed_group.signed_date and signed_group.signed_date + {{ var('agreement_date_window_days') }}
    inner join linked_components on linked_components.node_id = signed_group.group_id
    where len(undated.tokens) = 0
        and undated.signed_date is null
        and len(undated.party_ids) >= 2
        and not group_reported.any_unsigned
        and {{ agreement_numbers_compatible('undated', 'signed_group') }}
),

undated_attached as (
    select group_id, min(component_id) as component_id
    from undated_candidates
    group by group_id
    having count(distinct component_id) = 1
),

components as (
    select
        linked_components.node_id,
        coalesce(undated_attached.component_id, linked_components.component_id) as component_id,
    from linked_components
    left join undated_attached on undated_attached.group_id = linked_components.node_id
),

-- Linking is transitive: a report stating no article count can bridge a 47-article report and a
-- 12-article one. Such a component is split on its stated numbers: reports stating the most reported
-- value (and those stating none) keep the component's id, a minority value becomes its own agreement.
component_reports as (
    select components.component_id, report_groups.group_id, report_groups.duration_years, report_groups.article_count
    from report_groups
    inner join components on components.node_id = report_groups.group_id
),

dominant_articles as (
    select component_id, article_count
    from component_reports
    where article_count is not null
    group by component_id, article_count
    qualify row_number() over (partition by component_id order by count(*) desc, article_count desc) = 1
),

dominant_durations as (
    select component_id, duration_years
    from component_reports
    where duration_years is not null
    group by component_id, duration_years
    qualify row_number() over (partition by component_id order by count(*) desc, duration_years desc) = 1
),

group_clusters as (
    select distinct
        component_reports.group_id,
        case
            when coalesce(component_reports.article_count, dominant_articles.article_count, -1)
                    = coalesce(dominant_articles.article_count, -1)
                and coalesce(component_reports.duration_years, dominant_durations.duration_years, -1)
                    = coalesce(dominant_durations.duration_years, -1)
                then component_reports.component_id
            else concat_ws('|', component_reports.component_id,
                coalesce(component_reports.article_count, dominant_articles.article_count),
                coalesce(component_reports.duration_years, dominant_durations.duration_years))
        end as cluster_id,
    from component_reports
    left join dominant_articles on dominant_articles.component_id = component_reports.component_id
    left join dominant_durations on dominant_durations.component_id = component_reports.component_id
),

final as (
    select
        report_groups.agreement_report_id,
        'agreement-' || left(md5(group_clusters.cluster_id), 16) as agreement_id,
        report_groups.doc_id,
        report_groups.extractor_version,
        report_groups.agreement_index,
        report_groups.sentence_index,
        report_groups.char_start,
        report_groups.char_end,
        report_groups.evidence_text,
        report_groups.name,
        report_groups.reported_name,
        report_groups.tokens as name_tokens,
        report_groups.agreement_type,
        report_groups.status,
        report_groups.signed_date,
        report_groups.date_precision,
        report_groups.duration_years,
        report_groups.article_count,
        report_groups.party_ids,
        report_groups.confidence,
    from report_groups
    inner join group_clusters on group_clusters.group_id = report_groups.group_id
)

select * from final
