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
    -- two reports of one fact on the same span (two agreements named in one sentence that merge)
    -- are one piece of evidence
    qualify row_number() over (
        partition by fact_type, fact_id, doc_id, char_start, char_end order by confidence desc, evidence_id
    ) = 1
)

select * from final
