-- Claims that only low-reliability sources carry.
-- Answers: which statements were reported only by outlets the registry grades D-F (not usually
-- reliable, unreliable, or unknown: an outlet outside the registry counts as F) — the claims whose
-- best reporting outlet is one of `params.grades` — with who said it, every outlet that carried it
-- and its grade, and the NATO/Admiralty grade (best reliability letter + credibility 1-6).
-- Set `grades` to ['F'] for unknown outlets only, or ['A', 'B'] for the best-sourced claims.
-- Run: osint query --file queries/claims_by_low_reliability_sources.sql
with

params as (
    select
        ['D', 'E', 'F'] as grades,
),

outlets_per_claim as (
    select
        fct_evidence.fact_id as claim_id,
        string_agg(
            distinct coalesce(dim_outlets.name, dim_documents.outlet_id) || ' (' || coalesce(dim_outlets.reliability_grade, 'F') || ')',
            '; '
        ) as outlets,
    from fct_evidence
    inner join dim_documents on dim_documents.doc_id = fct_evidence.doc_id
    left join dim_outlets on dim_outlets.outlet_id = dim_documents.outlet_id
    where fct_evidence.fact_type = 'claim'
    group by fct_evidence.fact_id
),

final as (
    select
        fct_claims.source_reliability as best_reliability_grade,
        fct_claims.admiralty_grade,
        fct_claims.speaker_name as speaker,
        fct_claims.claim_text,
        fct_claims.is_direct_quote,
        outlets_per_claim.outlets,
        fct_claims.outlet_count,
        fct_claims.independent_origin_count,
        fct_claims.first_reported_at,
        fct_claims.source_url,
        fct_claims.claim_id,
    from fct_claims
    cross join params
    inner join outlets_per_claim on outlets_per_claim.claim_id = fct_claims.claim_id
    where list_contains(params.grades, fct_claims.source_reliability)
)

select * from final
order by best_reliability_grade desc, outlet_count desc, first_reported_at nulls last, claim_id
