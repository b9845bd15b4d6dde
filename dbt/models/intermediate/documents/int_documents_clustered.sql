{#- Origin clusters: documents that are one origin re-published — Telegram forwards (metadata
    names the forwarded post), exact copies (same content hash), the same URL landed by two
    connectors, and near-duplicate rewrites (MinHash, int_document_similarities) — are one
    connected component. Corroboration counts these origins, never copies. -#}
with

documents as (
    select * from {{ ref('stg_raw__documents') }}
),

similarities as (
    select * from {{ ref('int_document_similarities') }}
),

links as (
    select * from {{ ref('stg_raw__document_links') }}
    where link_type in ('forward_of', 'exact_copy_of')
),

nodes as (
    select doc_id as node_id from documents
),

-- star edges: every member of a group links to the group's smallest doc_id
same_content as (
    select doc_id as from_id, min(doc_id) over (partition by content_hash) as to_id
    from documents
),

same_url as (
    select doc_id as from_id, min(doc_id) over (partition by url_normalized) as to_id
    from documents
    where url_normalized is not null
),

forwarded_from_known as (
    -- the forwarded post is itself in the warehouse
    select forwards.doc_id as from_id, origins.doc_id as to_id
    from documents as forwards
    inner join documents as origins on origins.url_normalized = forwards.forwarded_from_url
),

forwarded_from_same as (
    -- forwards of one post whose original we never collected
    select doc_id as from_id, min(doc_id) over (partition by forwarded_from_url) as to_id
    from documents
    where forwarded_from_url is not null
),

linked_known as (
    -- the loader recorded the forward / copy and its target is landed
    select doc_id as from_id, linked_doc_id as to_id
    from links
    where linked_doc_id is not null
),

linked_by_url as (
    select links.doc_id as from_id, origins.doc_id as to_id
    from links
    inner join documents as origins on origins.url_normalized = links.linked_url_normalized
    where links.linked_doc_id is null
),

linked_same_ref as (
    -- forwards of one origin that is not landed
    select doc_id as from_id, min(doc_id) over (partition by coalesce(linked_url_normalized, linked_ref)) as to_id
    from links
    where linked_doc_id is null
),

near_duplicates as (
    select doc_id as from_id, similar_doc_id as to_id
    from similarities
    where doc_id < similar_doc_id
),

edges as (
    select from_id, to_id from same_content
    union select from_id, to_id from same_url
    union select from_id, to_id from forwarded_from_known
    union select from_id, to_id from forwarded_from_same
    union select from_id, to_id from linked_known
    union select from_id, to_id from linked_by_url
    union select from_id, to_id from linked_same_ref
    union select from_id, to_id from near_duplicates
),

known_edges as (
    -- an edge to a document that is not landed (yet) cannot join a cluster
    select edges.from_id, edges.to_id
    from edges
    where edges.to_id in (select doc_id from documents) and edges.from_id in (select doc_id from documents)
),

components as (
    select * from {{ connected_components('nodes', 'known_edges') }}
),

final as (
    select
        documents.doc_id,
        'origin-' || md5(components.component_id) as origin_id,
        -- the earliest report of the origin stands for it
        first_value(documents.doc_id) over (
            partition by components.component_id
            order by documents.reported_at nulls last, documents.ingested_at, documents.doc_id
        ) as origin_doc_id,
        count(*) over (partition by components.component_id) as origin_document_count,
        documents.forwarded_from_url is not null
            or documents.doc_id in (select doc_id from links where link_type = 'forward_of') as is_forward,
    from documents
    inner join components on components.node_id = documents.doc_id
)

select * from final
