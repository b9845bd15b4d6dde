with

documents as (
    select * from {{ ref('stg_raw__documents') }}
),

attributed as (
    select * from {{ ref('int_documents_attributed') }}
),

final as (
    select
        documents.doc_id,
        documents.source_kind,
        documents.source_name,
        documents.external_id,
        attributed.outlet_id,
        attributed.outlet_name,
        documents.url,
        documents.title,
        documents.author,
        documents.published_at,
        documents.fetched_at,
        documents.first_seen_at,
        documents.language,
        documents.version,
        documents.content_hash,
        length(documents.body) as body_chars,
        documents.body,
        attributed.reliability_grade,
        attributed.origin_id,
        attributed.origin_doc_id,
        attributed.origin_document_count,
        attributed.origin_doc_id = documents.doc_id as is_origin,
        attributed.is_forward,
    from documents
    inner join attributed on attributed.doc_id = documents.doc_id
)

select * from final
