{#- The audit trail of analyst rejections: every fact `osint judge reject` took out of the fact marts,
    with who rejected it, when and why, and one report's text and document so the decision can be
    reviewed. Undoing the judgement puts the fact back in its mart and takes it out of here. -#}
with

rejected as (
    select * from {{ ref('int_facts_rejected') }}
),

documents as (
    select doc_id, url from {{ ref('int_documents_attributed') }}
),

final as (
    select
        rejected.fact_type,
        rejected.fact_id,
        rejected.judgement_id,
        rejected.reason,
        rejected.judged_by,
        rejected.judged_at,
        rejected.report_count,
        rejected.evidence_text,
        rejected.doc_id,
        documents.url as source_url,
    from rejected
    left join documents on documents.doc_id = rejected.doc_id
)

select * from final
