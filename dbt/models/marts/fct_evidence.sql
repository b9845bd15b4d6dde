{#- Fact × supporting text span: the provenance of every meeting, claim, agreement and figure,
    down to the document, sentence and characters. -#}
with

supports as (
    select * from {{ ref('int_fact_supports') }}
),

final as (
    select
        evidence_id,
        fact_type,
        fact_id,
        doc_id,
        sentence_index,
        char_start,
        char_end,
        evidence_text,
        extractor_version,
        confidence,
        outlet_id,
        source_url,
        reported_at,
    from supports
)

select * from final
