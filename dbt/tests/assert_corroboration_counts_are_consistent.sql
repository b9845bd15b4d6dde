-- independent origins ≤ outlets-or-documents ≤ documents, and a fact is graded only from its sources.
select 'meeting' as fact_type, meeting_id as fact_id from {{ ref('fct_meetings') }}
where not (independent_origin_count between 1 and source_count and outlet_count between 1 and source_count)
union all
select 'agreement', agreement_id from {{ ref('dim_agreements') }}
where not (independent_origin_count between 1 and source_count and outlet_count between 1 and source_count)
union all
select 'claim', claim_id from {{ ref('fct_claims') }}
where not (independent_origin_count between 1 and source_count and outlet_count between 1 and source_count)
union all
select 'trade_figure', figure_id from {{ ref('fct_trade_figures') }}
where not (independent_origin_count between 1 and source_count and outlet_count between 1 and source_count)
