{#- The (doc_id, extractor_version) pairs whose annotations describe a document's CURRENT content:
    annotations of an older version of an edited post must not count. Used by every nlp staging
    model so stale rows never reach the warehouse. -#}
{% macro current_annotations() -%}
    (
        select
            ann.doc_id,
            ann.extractor_version,
            ann.annotated_at,
        from {{ source('nlp', 'ann_documents') }} as ann
        inner join {{ source('raw', 'documents') }} as doc
            on doc.doc_id = ann.doc_id
            and doc.content_hash = ann.content_hash
        where ann.status = 'ok'
    )
{%- endmacro %}
