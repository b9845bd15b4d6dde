{#- One reported figure (deduplicated across documents), typed: value is a normalized number
    ("$5 billion" → 5000000000), unit an ISO 4217 code, percent, tonnes, ...; metric from the closed
    list of seeds/figure_metrics.csv; parties the ISO codes of the countries it is about (sorted),
    scope how many. Provenance (doc_id, outlet, URL) is the first report; what the figure says comes
    from its most specific report (a named metric, parties, a period). contradicting_figure_ids lists
    the figures for the same metric, unit, period and parties that cannot both be true (the rule of
    int_facts_graded, both ways); is_contradicted says a rival has at least as many independent
    origins. -#}
with

reports as (
    select * from {{ ref('int_figure_reports_deduplicated') }}
),

documents as (
    select * from {{ ref('int_documents_attributed') }}
),

grades as (
    select * from {{ ref('int_facts_graded') }}
    where fact_type = 'trade_figure'
),

metrics as (
    select * from {{ ref('figure_metrics') }}
),

first_reports as (
    select reports.figure_id, reports.doc_id, documents.outlet_id, documents.url as source_url, reports.source_text
    from reports
    inner join documents on documents.doc_id = reports.doc_id
    qualify row_number() over (
        partition by reports.figure_id
        order by documents.reported_at nulls last, documents.ingested_at, reports.doc_id, reports.figure_index
    ) = 1
),

representative as (
    select reports.*
    from reports
    qualify row_number() over (
        partition by reports.figure_id
        order by
            reports.is_vaguer_report,
            (reports.metric = 'other'),
            len(reports.parties) desc,
            (reports.period_start is null and reports.period_end is null),
            reports.confidence desc,
            reports.doc_id,
            reports.figure_index
    ) = 1
),

figure_speakers as (
    select figure_id, mode(speaker_actor_id order by speaker_actor_id) as speaker_actor_id
    from reports
    group by figure_id
),

figure_facts as (
    select distinct figure_id, metric, unit, period_start, period_end, parties, value_rounded, qualifier
    from reports
    where len(parties) > 0 and (period_start is not null or period_end is not null)
        -- a figure an analyst rejected contradicts nothing
        and figure_id not in (select fact_id from {{ ref('int_facts_rejected') }})
),

rivals as (
    select
        figure.figure_id,
        list_sort(list_distinct(list(rival.figure_id))) as contradicting_figure_ids,
    from figure_facts as figure
    inner join figure_facts as rival
        on
            rival.metric = figure.metric
            and rival.unit = figure.unit
            and rival.period_start is not distinct from figure.period_start
            and rival.period_end is not distinct from figure.period_end
            and rival.parties = figure.parties
            and rival.figure_id <> figure.figure_id
    where
        {{ figures_contradict('figure', 'rival') }}
    group by figure.figure_id
),

final as (
    select
        representative.figure_id,
        representative.metric,
        metrics.metric_group,
        representative.value,
        representative.value_high,
        representative.unit,
        representative.per,
        representative.is_change,
        representative.qualifier,
        representative.parties,
        representative.scope,
        representative.period_start,
        representative.period_end,
        representative.period_precision,
        representative.period_text,
        figure_speakers.speaker_actor_id,
        first_reports.doc_id,
        first_reports.outlet_id,
        first_reports.source_url,
        first_reports.source_text,
        grades.source_count,
        grades.outlet_count,
        grades.independent_origin_count,
        grades.source_reliability,
        grades.is_contradicted,
        coalesce(rivals.contradicting_figure_ids, []::varchar[]) as contradicting_figure_ids,
        grades.credibility,
        grades.admiralty_grade,
        grades.first_reported_at,
        grades.first_ingested_at,
        grades.confidence,
    from representative
    inner join first_reports on first_reports.figure_id = representative.figure_id
    inner join figure_speakers on figure_speakers.figure_id = representative.figure_id
    inner join grades on grades.fact_id = representative.figure_id
    left join metrics on metrics.metric = representative.metric
    left join rivals on rivals.figure_id = representative.figure_id
)

select * from final
