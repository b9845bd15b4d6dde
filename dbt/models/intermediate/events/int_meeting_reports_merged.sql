{#- Meeting reports merged into real-world meetings across documents.

    A report's participants are its people (its countries and organizations when it names no
    people), resolved to actors; a described participant ("<Country>'s defence minister") counts as
    a person identified by its words. Reports with identical signatures are grouped; groups of the same
    status are linked when ALL of these agree:
      participants  share ≥ 2 actors, or are the same single actor
      place         same location country, or either unknown
      date          day-precise within var meeting_date_window_days, or the same month / year at
                    the coarser precision
      agreement     the same agreement, or either names none
    An undated report that names only states ("Russia and Iran signed the treaty") and an agreement
    may also join by that agreement alone: the dated meeting that signed it names the people.
    Linked dated groups form connected components. An undated report ("on Friday ... in Moscow")
    joins a dated meeting only when exactly one dated meeting is compatible on participants,
    place (country and, when both name it, the place name) and agreement; otherwise it stays a meeting of its own — never a guess. -#}
with

reports as (
    select * from {{ ref('stg_nlp__meetings') }}
),

participants as (
    select * from {{ ref('stg_nlp__meeting_participants') }}
),

names as (
    select * from {{ ref('int_actor_names_resolved') }}
),

agreements as (
    select agreement_report_id, agreement_id from {{ ref('int_agreement_reports_merged') }}
),

resolved_participants as (
    select distinct
        participants.meeting_report_id,
        names.actor_id,
        names.actor_type,
    from participants
    inner join names
        on names.reference_key = {{ actor_reference_key('participants.actor_key', 'participants.actor_name', 'participants.actor_type', 'null') }}
    union
    -- a participant the text describes without naming ("<Country>'s defence minister") is no actor, but
    -- it is someone: it counts as a person of its own words, so that two such meetings of one actor stay apart
    select distinct meeting_report_id, 'described:' || lower(actor_name) as actor_id, 'person' as actor_type
    from participants
    where actor_type = 'descriptor'
),

participant_sets as (
    select
        meeting_report_id,
        -- people identify a meeting; countries only when no person is named
        coalesce(
            nullif(list_sort(list(actor_id) filter (where actor_type = 'person')), []),
            list_sort(list(actor_id))
        ) as participant_ids,
        bool_or(actor_type = 'person') as names_people,
    from resolved_participants
    group by meeting_report_id
),

signed as (
    select
        reports.*,
        agreements.agreement_id,
        coalesce(participant_sets.participant_ids, []::varchar[]) as participant_ids,
        coalesce(participant_sets.names_people, false) as names_people,
    from reports
    left join agreements on agreements.agreement_report_id = reports.agreement_report_id
    left join participant_sets on participant_sets.meeting_report_id = reports.meeting_report_id
),

report_groups as (
    select
        *,
        md5(concat_ws('|',
            status, array_to_string(participant_ids, ' '), coalesce(meeting_date::varchar, ''), date_precision,
            coalesce(location_country_code, ''), coalesce(lower(location_name), ''), coalesce(agreement_id, '')
        )) as group_id,
        meeting_date is not null and date_precision <> 'unknown' as is_dated,
    from signed
    where len(participant_ids) > 0
),

groups_ as (
    select distinct
        group_id, status, participant_ids, meeting_date, date_precision, location_country_code,
        lower(location_name) as location_name, agreement_id, is_dated, names_people,
    from report_groups
),

-- Blocking: the merge rule needs two shared participants (or the same single one) and, for two
-- dated meetings, compatible dates, which always fall in one calendar year (a day-precise date near
-- New Year is keyed by both years). So groups are keyed by participant pair (or their one
-- participant) and status, dated ones also by year; a single shared person (a head of state in
-- thousands of meetings) never pairs groups by itself.
participant_keys as (
    select group_id, status, is_dated, meeting_date, date_precision, pair_key as participant_key
    from {{ pair_keys('groups_', 'participant_ids', ['group_id', 'status', 'is_dated', 'meeting_date', 'date_precision']) }}
),

dated_keys as (
    select distinct group_id, status, participant_key, unnest(
        case when date_precision = 'day' then [
            year(meeting_date - {{ var('meeting_date_window_days') }}),
            year(meeting_date),
            year(meeting_date + {{ var('meeting_date_window_days') }})
        ] else [year(meeting_date)] end
    ) as year_key
    from participant_keys
    where is_dated
),

candidate_pairs as (
    select distinct left_keys.group_id as left_id, right_keys.group_id as right_id
    from dated_keys as left_keys
    inner join dated_keys as right_keys
        on right_keys.participant_key = left_keys.participant_key
        and right_keys.status = left_keys.status
        and right_keys.year_key = left_keys.year_key
        and right_keys.group_id <> left_keys.group_id
    union
    -- an undated meeting against the dated ones it might belong to (see undated_attachments)
    select undated.group_id as left_id, dated.group_id as right_id
    from participant_keys as undated
    inner join participant_keys as dated
        on dated.participant_key = undated.participant_key
        and dated.status = undated.status
        and dated.is_dated
    where not undated.is_dated
    union
    -- an undated report of states acting ("Russia and Iran signed the treaty") against the dated
    -- meetings of the same agreement: the people who signed it are named elsewhere
    select undated.group_id as left_id, dated.group_id as right_id
    from groups_ as undated
    inner join groups_ as dated
        on dated.agreement_id = undated.agreement_id
        and dated.status = undated.status
        and dated.is_dated
    where not undated.is_dated and not undated.names_people
),

compatible_pairs as (
    select
        left_group.group_id as left_id,
        right_group.group_id as right_id,
        left_group.status,
        left_group.is_dated as left_is_dated,
        right_group.is_dated as right_is_dated,
        {{ dates_compatible('left_group.meeting_date', 'left_group.date_precision', 'right_group.meeting_date', 'right_group.date_precision', var('meeting_date_window_days')) }} as dates_compatible,
        left_group.location_name is null or right_group.location_name is null
            or left_group.location_name = right_group.location_name as places_named_alike,
    from candidate_pairs
    inner join groups_ as left_group on left_group.group_id = candidate_pairs.left_id
    inner join groups_ as right_group on right_group.group_id = candidate_pairs.right_id
    where left_group.status = right_group.status
        and (
            len(list_intersect(left_group.participant_ids, right_group.participant_ids)) >= 2
            or (len(left_group.participant_ids) = 1 and left_group.participant_ids = right_group.participant_ids)
            -- an undated report naming only states joins a dated meeting of the same agreement
            or (not left_group.is_dated and not left_group.names_people
                and left_group.agreement_id = right_group.agreement_id)
        )
        and (left_group.location_country_code is null or right_group.location_country_code is null
            or left_group.location_country_code = right_group.location_country_code)
        and (left_group.agreement_id is null or right_group.agreement_id is null
            or left_group.agreement_id = right_group.agreement_id)
),

dated_edges as (
    select left_id as from_id, right_id as to_id
    from compatible_pairs
    where left_is_dated and right_is_dated and dates_compatible and left_id < right_id
),

dated_nodes as (
    select group_id as node_id from groups_ where is_dated
),

dated_components as (
    select * from {{ connected_components('dated_nodes', 'dated_edges') }}
),

undated_attachments as (
    -- an undated group joins the only dated meeting it is compatible with
    select compatible_pairs.left_id as group_id, min(dated_components.component_id) as component_id
    from compatible_pairs
    inner join dated_components on dated_components.node_id = compatible_pairs.right_id
    where not compatible_pairs.left_is_dated and compatible_pairs.right_is_dated
        -- without a date the place must agree by name too: Moscow is not Kazan
        and compatible_pairs.places_named_alike
    group by compatible_pairs.left_id
    having count(distinct dated_components.component_id) = 1
),

group_components as (
    select node_id as group_id, component_id from dated_components
    union all
    select groups_.group_id, coalesce(undated_attachments.component_id, groups_.group_id) as component_id
    from groups_
    left join undated_attachments on undated_attachments.group_id = groups_.group_id
    where not groups_.is_dated
),

final as (
    select
        report_groups.meeting_report_id,
        'meeting-' || left(md5(group_components.component_id), 16) as meeting_id,
        report_groups.doc_id,
        report_groups.extractor_version,
        report_groups.meeting_index,
        report_groups.sentence_index,
        report_groups.char_start,
        report_groups.char_end,
        report_groups.evidence_text,
        report_groups.meeting_type,
        report_groups.status,
        report_groups.meeting_date,
        report_groups.date_precision,
        report_groups.date_text,
        report_groups.location_name,
        report_groups.location_country_code,
        report_groups.agreement_id,
        report_groups.participant_ids,
        report_groups.confidence,
    from report_groups
    inner join group_components on group_components.group_id = report_groups.group_id
)

select * from final
