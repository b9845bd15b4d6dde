with

source as (
    select * from {{ source('nlp', 'ann_documents') }}
),

documents as (
    select doc_id, content_hash from {{ source('raw', 'documents') }}
),

final as (
    select
        source.doc_id,
        source.content_hash,
        source.extractor_version,
        source.annotated_at,
        source.sentence_count,
        lower(source.status) as status,
        nullif(trim(source.error), '') as error,
        -- annotations of an older version of an edited document are stale
        coalesce(documents.content_hash = source.content_hash, false) as is_current,
    from source
    left join documents on documents.doc_id = source.doc_id
)

select * from final
