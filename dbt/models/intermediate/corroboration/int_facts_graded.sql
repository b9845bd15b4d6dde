{#- Corroboration and Admiralty grade of every fact (meeting, agreement, claim, trade figure).

    source_count = documents, outlet_count = outlets, independent_origin_count = origin clusters
    (forwards, copies and near-duplicates of one origin count once). An origin's reliability is
    the best grade among its supporting documents; the fact's source_reliability is the best
    grade overall. Credibility follows the macro credibility_grade (see macros/grading.sql):
    1 ≥ 2 independent A–C origins · 2 ≥ 2 origins with one A–C, or ≥ 3 origins · 3 two D–F origins,
    or one A–B origin · 4 one C–D origin · 5 contradicted · 6 one E–F origin / cannot be judged.
    A trade figure is contradicted when another figure for the same metric, unit, period (the same
    start and end) and parties — at least one country: figures about nothing in particular, such as
    prices of different goods, do not contradict — cannot both be true within var
    figure_contradiction_tolerance (an "over"/"at least" figure is a lower bound, an "under"/"up to"
    figure an upper bound) and has at least as many independent origins. The same rule, both ways,
    lists each figure's rivals in fct_trade_figures.contradicting_figure_ids: keep the two in step.

    confidence is calibrated: the extractor's best confidence among the fact's reports (raw_confidence)
    is mapped through seeds/confidence_calibration.csv, fit on the precision audit of the published
    marts (tests/eval/audit.py calibrate) per fact type and language of the best report (`*`: all
    audited languages, for the others), so that among audited facts with confidence ≈ c a fraction
    ≈ c was correct. A fact whose confidence is below var credible_min_confidence is never graded 1
    (confirmed) or 2 (probably true), however many outlets repeat it: corroboration of an extraction
    that is probably wrong does not make it true. -#}
with

supports as (
    select * from {{ ref('int_fact_supports') }}
),

figures as (
    -- a figure an analyst rejected contradicts nothing
    select * from {{ ref('int_figure_reports_deduplicated') }}
    where figure_id not in (select fact_id from {{ ref('int_facts_rejected') }})
),

calibration as (
    select * from {{ ref('confidence_calibration') }}
),

origins as (
    select
        fact_type,
        fact_id,
        origin_id,
        min(reliability_grade) as origin_reliability,
    from supports
    group by fact_type, fact_id, origin_id
),

origin_counts as (
    select
        fact_type,
        fact_id,
        count(*) as independent_origin_count,
        count(*) filter (where origin_reliability in ('A', 'B', 'C')) as graded_ac_origin_count,
    from origins
    group by fact_type, fact_id
),

report_counts as (
    select
        fact_type,
        fact_id,
        count(distinct doc_id) as source_count,
        count(distinct outlet_id) as outlet_count,
        min(reliability_grade) as source_reliability,
        -- the earliest document date; null when no report is dated (ingestion time is not a report time)
        min(reported_at) as first_reported_at,
        min(ingested_at) as first_ingested_at,
        max(confidence) as raw_confidence,
        -- the language of the best report: confidence is calibrated per language
        arg_max(language, confidence) as language,
    from supports
    group by fact_type, fact_id
),

calibrated as (
    select
        report_counts.fact_type,
        report_counts.fact_id,
        round(coalesce(in_language.confidence, calibration.confidence, 0.0), 3) as confidence,
    from report_counts
    -- the calibration of the report's language where the audit has one, else of all languages ('*')
    left join calibration as in_language
        on in_language.fact_type = report_counts.fact_type
        and in_language.language = report_counts.language  -- noqa: ST09
        and report_counts.raw_confidence >= in_language.raw_from  -- noqa: ST09
        and report_counts.raw_confidence < in_language.raw_to  -- noqa: ST09
    left join calibration
        on calibration.fact_type = report_counts.fact_type
        and calibration.language = '*'  -- noqa: ST09
        and report_counts.raw_confidence >= calibration.raw_from  -- noqa: ST09
        and report_counts.raw_confidence < calibration.raw_to  -- noqa: ST09
),

figure_facts as (
    select distinct figure_id, metric, unit, period_start, period_end, party_keys, value_rounded, qualifier
    from figures
    where len(party_keys) > 0 and (period_start is not null or period_end is not null)
),

contradicted_figures as (
    select distinct figure.figure_id
    from figure_facts as figure
    inner join figure_facts as rival
        on
            rival.metric = figure.metric
            and rival.unit = figure.unit
            and rival.period_start is not distinct from figure.period_start
            and rival.period_end is not distinct from figure.period_end
            and rival.party_keys = figure.party_keys
            and rival.figure_id <> figure.figure_id
    inner join origin_counts as figure_origins
        on figure_origins.fact_type = 'trade_figure' and figure_origins.fact_id = figure.figure_id
    inner join origin_counts as rival_origins
        on rival_origins.fact_type = 'trade_figure' and rival_origins.fact_id = rival.figure_id
    where
        rival_origins.independent_origin_count >= figure_origins.independent_origin_count
        and {{ figures_contradict('figure', 'rival') }}
),

graded as (
    select
        report_counts.fact_type,
        report_counts.fact_id,
        report_counts.source_count,
        report_counts.outlet_count,
        origin_counts.independent_origin_count,
        origin_counts.graded_ac_origin_count,
        report_counts.source_reliability,
        report_counts.fact_id in (select figure_id from contradicted_figures) as is_contradicted,
        {{ credibility_grade(
            'origin_counts.independent_origin_count',
            'origin_counts.graded_ac_origin_count',
            'report_counts.source_reliability',
            "report_counts.fact_id in (select figure_id from contradicted_figures)"
        ) }} as credibility,
        report_counts.first_reported_at,
        report_counts.first_ingested_at,
        report_counts.raw_confidence,
    from report_counts
    inner join origin_counts
        on origin_counts.fact_type = report_counts.fact_type
        and origin_counts.fact_id = report_counts.fact_id
),

final as (
    select
        graded.* exclude (credibility),
        case
            when calibrated.confidence < {{ var('credible_min_confidence') }} and graded.credibility < 3 then 3
            else graded.credibility
        end as credibility,
        calibrated.confidence,
    from graded
    inner join calibrated
        on calibrated.fact_type = graded.fact_type
        and calibrated.fact_id = graded.fact_id
)

select
    *,
    source_reliability || credibility::varchar as admiralty_grade,
from final
