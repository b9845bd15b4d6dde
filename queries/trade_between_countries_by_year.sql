-- Trade between two countries, year by year.
-- Answers: what trade figures (volume, targets, exports, imports, national-currency share, ...:
-- metric_group 'trade' in seeds/figure_metrics.csv, plus growth_rate: a percent change, which for
-- two countries is how their trade grew) were reported for the trade between country A and
-- country B — figures whose parties are exactly the two — per year, with how often and how
-- reliably each was reported (Admiralty grade; is_contradicted when a rival figure for the same
-- period cannot also be true), who stated it and where it was first published.
-- The year is the year the figure's period ends (2022 for "in 2022", 2030 for a target "by 2030");
-- a figure with no period is listed last with a null year.
-- Change the two ISO 3166-1 alpha-3 codes in `params` to look at another pair.
-- Run: osint query --file queries/trade_between_countries_by_year.sql
with

params as (
    select
        'RUS' as country_a,
        'IRN' as country_b,
),

figures as (
    select fct_trade_figures.*
    from fct_trade_figures
    cross join params
    where (fct_trade_figures.metric_group = 'trade' or fct_trade_figures.metric = 'growth_rate')
        and fct_trade_figures.parties = list_sort([params.country_a, params.country_b])
),

final as (
    select
        year(coalesce(figures.period_end, figures.period_start)) as year,
        figures.metric,
        figures.value,
        figures.value_high,
        figures.unit,
        figures.qualifier,
        figures.is_change,
        figures.period_start,
        figures.period_end,
        figures.source_count,
        figures.outlet_count,
        figures.admiralty_grade,
        figures.is_contradicted,
        dim_actors.canonical_name as stated_by,
        coalesce(dim_outlets.name, figures.outlet_id) as first_outlet,
        figures.first_reported_at,
        figures.source_text,
        figures.source_url,
        figures.figure_id,
    from figures
    left join dim_actors on dim_actors.actor_id = figures.speaker_actor_id
    left join dim_outlets on dim_outlets.outlet_id = figures.outlet_id
)

select * from final
order by year nulls last, metric, source_count desc, value, figure_id
