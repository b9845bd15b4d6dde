{#- Meeting × actor with the role most reports give (visitor, host, participant). -#}
with

reports as (
    select meeting_report_id, meeting_id from {{ ref('int_meeting_reports_merged') }}
    where meeting_id not in (select fact_id from {{ ref('int_facts_rejected') }})
),

participants as (
    select * from {{ ref('stg_nlp__meeting_participants') }}
),

names as (
    select * from {{ ref('int_actor_names_resolved') }}
),

resolved as (
    select
        reports.meeting_id,
        names.actor_id,
        participants.role,
        participants.doc_id,
    from participants
    inner join reports on reports.meeting_report_id = participants.meeting_report_id
    inner join names
        on names.reference_key = {{ actor_reference_key('participants.actor_key', 'participants.actor_name', 'participants.actor_type', 'null') }}
),

role_votes as (
    select meeting_id, actor_id, role, count(*) as votes
    from resolved
    group by all
),

final as (
    select
        meeting_id,
        actor_id,
        -- the most reported role; a specific role beats 'participant' on a tie
        arg_max(role, [votes, case when role = 'participant' then 0 else 1 end]) as role,
        sum(votes)::bigint as source_count,
    from role_votes
    group by meeting_id, actor_id
)

select * from final
