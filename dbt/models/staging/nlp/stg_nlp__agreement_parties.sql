with

source as (
    select * from {{ source('nlp', 'ann_agreement_parties') }}
),

current_annotations as (
    select * from {{ current_annotations() }}
),

final as (
    select distinct
        md5(concat_ws('|', source.doc_id, 'agreement', source.agreement_index)) as agreement_report_id,
        source.doc_id,
        source.agreement_index,
        nullif(trim(source.actor_key), '') as actor_key,
        trim(source.actor_name) as actor_name,
        lower(trim(source.actor_type)) as actor_type,
    from source
    inner join current_annotations
        on current_annotations.doc_id = source.doc_id
        and current_annotations.extractor_version = source.extractor_version
)

select * from final
