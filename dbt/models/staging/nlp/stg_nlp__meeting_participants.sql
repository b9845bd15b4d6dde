with

source as (
    select * from {{ source('nlp', 'ann_meeting_participants') }}
),

current_annotations as (
    select * from {{ current_annotations() }}
),

final as (
    select
        md5(concat_ws('|', source.doc_id, 'meeting', source.meeting_index)) as meeting_report_id,
        source.doc_id,
        source.meeting_index,
        nullif(trim(source.actor_key), '') as actor_key,
        trim(source.actor_name) as actor_name,
        lower(trim(source.actor_type)) as actor_type,
        lower(source.role) as role,
        source.char_start,
        source.char_end,
    from source
    inner join current_annotations
        on current_annotations.doc_id = source.doc_id
        and current_annotations.extractor_version = source.extractor_version
    -- one participant named twice in a report keeps its most specific role
    qualify row_number() over (
        partition by source.doc_id, source.meeting_index, coalesce(source.actor_key, lower(source.actor_name))
        order by case lower(source.role) when 'participant' then 1 else 0 end, source.char_start nulls last
    ) = 1
)

select * from final
