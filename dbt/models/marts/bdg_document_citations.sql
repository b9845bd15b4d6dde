{#- A document citing another source: citations the extractor found in the text (URLs, Telegram
    posts, "according to TASS") and links the loader recorded (raw.document_links, link_type
    'cites'), one row per document × cited source. cited_doc_id is set when the cited post or
    page is itself in the warehouse. -#}
with

citations as (
    select * from {{ ref('stg_nlp__citations') }}
),

links as (
    select * from {{ ref('stg_raw__document_links') }}
    where link_type = 'cites'
),

outlet_references as (
    select * from {{ ref('int_outlet_references_resolved') }}
    where reference_type in ('citation', 'link')
),

documents as (
    select doc_id, url_normalized from {{ ref('stg_raw__documents') }}
),

extracted as (
    select
        citations.citation_id,
        citations.doc_id,
        citations.cited_url,
        citations.cited_url_normalized,
        outlet_references.outlet_id as cited_outlet_id,
        citations.citation_type,
        citations.cited_text,
        citations.sentence_index,
        citations.char_start,
        citations.char_end,
        citations.confidence,
        'extractor' as found_by,
    from citations
    left join outlet_references
        on outlet_references.reference_type = 'citation'
        and outlet_references.reference_id = citations.citation_id
),

linked as (
    -- loader links the extractor did not find
    select
        md5(concat_ws('|', links.doc_id, links.linked_url_normalized)) as citation_id,
        links.doc_id,
        coalesce(links.linked_url, links.linked_ref) as cited_url,
        links.linked_url_normalized as cited_url_normalized,
        outlet_references.outlet_id as cited_outlet_id,
        case when outlet_references.handle is not null then 'telegram' else 'url' end as citation_type,
        links.linked_ref as cited_text,
        null::integer as sentence_index,
        null::integer as char_start,
        null::integer as char_end,
        1.0::double as confidence,
        'loader' as found_by,
    from links
    left join outlet_references
        on outlet_references.reference_type = 'link'
        and outlet_references.reference_id = md5(concat_ws('|', links.doc_id, links.linked_url_normalized))
    where links.linked_url_normalized is not null
        and md5(concat_ws('|', links.doc_id, links.linked_url_normalized)) not in (select citation_id from citations)
),

unioned as (
    select * from extracted
    union all
    select * from linked
),

final as (
    select
        unioned.citation_id,
        unioned.doc_id,
        unioned.cited_url,
        unioned.cited_outlet_id,
        cited_documents.doc_id as cited_doc_id,
        unioned.citation_type,
        unioned.cited_text,
        unioned.sentence_index,
        unioned.char_start,
        unioned.char_end,
        unioned.confidence,
        unioned.found_by,
    from unioned
    left join documents as cited_documents
        on cited_documents.url_normalized = unioned.cited_url_normalized
    qualify row_number() over (partition by unioned.citation_id order by cited_documents.doc_id) = 1
)

select * from final
