{#- One statement attributed to a speaker. The first report (earliest document) gives the text,
    document, outlet and URL; every report is in fct_evidence. -#}
with

reports as (
    select * from {{ ref('int_claim_reports_deduplicated') }}
),

documents as (
    select * from {{ ref('int_documents_attributed') }}
),

actors as (
    select * from {{ ref('int_actors_resolved') }}
),

registry as (
    select * from {{ ref('int_outlets_registered') }}
),

grades as (
    select * from {{ ref('int_facts_graded') }}
    where fact_type = 'claim'
),

first_reports as (
    select
        reports.*,
        documents.outlet_id,
        documents.published_at,
        documents.url as source_url,
        documents.language,
    from reports
    inner join documents on documents.doc_id = reports.doc_id
    qualify row_number() over (
        partition by reports.claim_id
        order by documents.reported_at nulls last, documents.ingested_at, reports.is_direct_quote desc, reports.doc_id, reports.claim_index
    ) = 1
),

quote_flags as (
    select claim_id, bool_or(is_direct_quote) as is_direct_quote
    from reports
    group by claim_id
),

final as (
    select
        first_reports.claim_id,
        first_reports.speaker_actor_id,
        coalesce(actors.canonical_name, registry.name, first_reports.speaker_name, first_reports.speaker_text) as speaker_name,
        first_reports.speaker_outlet_id,
        first_reports.speaker_role,
        first_reports.claim_text,
        quote_flags.is_direct_quote,
        first_reports.cue,
        first_reports.doc_id,
        first_reports.outlet_id,
        first_reports.published_at,
        first_reports.source_url,
        grades.source_count,
        grades.outlet_count,
        grades.independent_origin_count,
        grades.source_reliability,
        grades.credibility,
        grades.admiralty_grade,
        grades.first_reported_at,
        grades.first_ingested_at,
        grades.confidence,
        first_reports.language,
    from first_reports
    inner join quote_flags on quote_flags.claim_id = first_reports.claim_id
    inner join grades on grades.fact_id = first_reports.claim_id
    left join actors on actors.actor_id = first_reports.speaker_actor_id
    left join registry on registry.outlet_id = first_reports.speaker_outlet_id
)

select * from final
