with

reports as (
    select * from {{ ref('int_agreement_reports_merged') }}
),

statuses as (
    select * from {{ ref('agreement_statuses') }}
),

precisions as (
    select * from {{ ref('date_precisions') }}
),

types as (
    select * from {{ ref('agreement_types') }}
),

grades as (
    select * from {{ ref('int_facts_graded') }}
    where fact_type = 'agreement'
),

status_ranked as (
    select
        reports.*,
        coalesce(statuses.rank, 0) as status_rank,
        coalesce(statuses.confirms_signature, false) as confirms_signature,
        coalesce(precisions.rank, 4) as precision_rank,
        count(*) over (partition by reports.agreement_id, reports.agreement_type) as type_reports,
        coalesce(types.formality_rank, 99) as type_rank,
    from reports
    left join statuses on statuses.status = reports.status
    left join types on types.agreement_type = reports.agreement_type
    left join precisions on precisions.date_precision = reports.date_precision
),

best_dates as (
    -- the signature date most reports give, preferring reports that say it was signed
    select agreement_id, signed_date, date_precision
    from status_ranked
    where signed_date is not null and date_precision <> 'unknown'
    group by agreement_id, signed_date, date_precision, precision_rank
    qualify row_number() over (
        partition by agreement_id
        order by precision_rank, bool_or(confirms_signature)::int desc,
            count(*) desc, signed_date
    ) = 1
),

best_names as (
    -- as reported: with what it is about when the name alone is generic ("deal to normalise ties")
    select agreement_id, reported_name as name
    from reports
    group by agreement_id, reported_name
    qualify row_number() over (
        partition by agreement_id order by count(*) desc, length(reported_name) desc, reported_name
    ) = 1
),

agreements as (
    select
        agreement_id,
        arg_max(status, status_rank) as status,
        -- the type most reports give; on a tie, the most formal (treaty before agreement)
        coalesce(first(agreement_type order by type_reports desc, type_rank) filter (where agreement_type <> 'other'), 'other') as agreement_type,
        mode(duration_years order by duration_years) filter (where duration_years is not null) as duration_years,
        mode(article_count order by article_count) filter (where article_count is not null) as article_count,
        list_sort(list_distinct(list(reported_name))) as reported_names,
    from status_ranked
    group by agreement_id
),

final as (
    select
        agreements.agreement_id,
        best_names.name,
        agreements.agreement_type,
        agreements.status,
        best_dates.signed_date,
        coalesce(best_dates.date_precision, 'unknown') as date_precision,
        agreements.duration_years,
        agreements.article_count,
        agreements.reported_names,
        grades.source_count,
        grades.outlet_count,
        grades.independent_origin_count,
        grades.source_reliability,
        grades.credibility,
        grades.admiralty_grade,
        grades.first_reported_at,
        grades.first_ingested_at,
        grades.confidence,
    from agreements
    inner join best_names on best_names.agreement_id = agreements.agreement_id
    inner join grades on grades.fact_id = agreements.agreement_id
    left join best_dates on best_dates.agreement_id = agreements.agreement_id
)

select * from final
