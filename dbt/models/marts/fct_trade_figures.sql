{#- One reported figure (deduplicated across documents), typed: value is a normalized number
    ("$5 billion" → 5000000000), unit an ISO 4217 code, percent, tonnes, ... -#}
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

first_reports as (
    select reports.*, documents.outlet_id, documents.url as source_url
    from reports
    inner join documents on documents.doc_id = reports.doc_id
    qualify row_number() over (
        partition by reports.figure_id
        order by documents.reported_at nulls last, reports.doc_id, reports.figure_index
    ) = 1
),

figure_speakers as (
    select figure_id, mode(speaker_actor_id) as speaker_actor_id, min(period_start) as period_start, max(period_end) as period_end
    from reports
    group by figure_id
),

final as (
    select
        first_reports.figure_id,
        first_reports.metric,
        first_reports.value,
        first_reports.unit,
        first_reports.qualifier,
        figure_speakers.period_start,
        figure_speakers.period_end,
        first_reports.period_text,
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
        grades.credibility,
        grades.admiralty_grade,
        grades.first_reported_at,
        grades.confidence,
    from first_reports
    inner join figure_speakers on figure_speakers.figure_id = first_reports.figure_id
    inner join grades on grades.fact_id = first_reports.figure_id
)

select * from final
