-- Trade figures over time, with their sources.
-- Answers: what values were reported for each trade metric (volumes, targets, national-currency
-- shares, growth rates, ...), for which period, by whom, and where each figure was published —
-- outlet, URL, publication time and the sentence it was read from — in time order per metric,
-- so diverging figures for the same period stand side by side.
-- Run: osint query --file queries/trade_figures_over_time.sql
with

figures as (
    select
        fct_trade_figures.figure_id,
        fct_trade_figures.metric,
        fct_trade_figures.value,
        fct_trade_figures.unit,
        fct_trade_figures.period_start,
        fct_trade_figures.period_end,
        fct_trade_figures.speaker_actor_id,
        fct_trade_figures.doc_id,
        fct_trade_figures.source_text,
        fct_trade_figures.source_count,
    from fct_trade_figures
),

final as (
    select
        figures.metric,
        figures.period_start,
        figures.period_end,
        figures.value,
        figures.unit,
        dim_actors.canonical_name as stated_by,
        coalesce(dim_outlets.name, dim_documents.outlet_id) as outlet,
        dim_outlets.reliability_grade,
        dim_documents.published_at,
        dim_documents.url,
        dim_documents.title,
        figures.source_text,
        figures.source_count,
        figures.figure_id,
        figures.doc_id,
    from figures
    left join dim_documents on dim_documents.doc_id = figures.doc_id
    left join dim_outlets on dim_outlets.outlet_id = dim_documents.outlet_id
    left join dim_actors on dim_actors.actor_id = figures.speaker_actor_id
)

select * from final
order by metric, period_start nulls last, period_end nulls last, published_at nulls last, figure_id
