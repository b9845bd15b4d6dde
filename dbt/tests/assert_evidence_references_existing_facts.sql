-- fct_evidence.fact_id is polymorphic: each row must point at an existing row of the fact table its
-- fact_type names, and every fact must have at least one piece of evidence.
with

facts as (
    select 'meeting' as fact_type, meeting_id as fact_id from {{ ref('fct_meetings') }}
    union all
    select 'agreement', agreement_id from {{ ref('dim_agreements') }}
    union all
    select 'claim', claim_id from {{ ref('fct_claims') }}
    union all
    select 'trade_figure', figure_id from {{ ref('fct_trade_figures') }}
),

evidence as (
    select distinct fact_type, fact_id from {{ ref('fct_evidence') }}
),

orphan_evidence as (
    select evidence.fact_type, evidence.fact_id, 'evidence without fact' as problem
    from evidence
    left join facts using (fact_type, fact_id)
    where facts.fact_id is null
),

facts_without_evidence as (
    select facts.fact_type, facts.fact_id, 'fact without evidence' as problem
    from facts
    left join evidence using (fact_type, fact_id)
    where evidence.fact_id is null
)

select * from orphan_evidence
union all
select * from facts_without_evidence
