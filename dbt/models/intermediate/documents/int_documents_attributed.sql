{#- Each document with its outlet, the outlet's source reliability (A–F; F when the registry does
    not know the outlet) and its origin cluster — everything corroboration needs per document. -#}
with

documents as (
    select * from {{ ref('stg_raw__documents') }}
),

outlet_references as (
    select * from {{ ref('int_outlet_references_resolved') }}
    where reference_type = 'document'
),

registry as (
    select * from {{ ref('int_outlets_registered') }}
),

clusters as (
    select * from {{ ref('int_documents_clustered') }}
),

final as (
    select
        documents.doc_id,
        outlet_references.outlet_id,
        outlet_references.outlet_name,
        outlet_references.is_registered as outlet_is_registered,
        coalesce(registry.reliability_grade, 'F') as reliability_grade,
        clusters.origin_id,
        clusters.origin_doc_id,
        clusters.origin_document_count,
        clusters.is_forward,
        documents.url,
        documents.published_at,
        documents.reported_at,
        documents.ingested_at,
        documents.language,
    from documents
    inner join outlet_references on outlet_references.reference_id = documents.doc_id
    inner join clusters on clusters.doc_id = documents.doc_id
    left join registry on registry.outlet_id = outlet_references.outlet_id
)

select * from final
