with

reports as (
    select * from {{ ref('int_agreement_reports_merged') }}
),

grades as (
    select * from {{ ref('int_facts_graded') }}
    where fact_type = 'agreement'
),

status_ranked as (
    select
        *,
        case status when 'planned' then 1 when 'signed' then 2 when 'ratified' then 3 when 'in_force' then 4
            when 'suspended' then 5 else 0 end as status_rank,
    from reports
),

best_dates as (
    -- the signature date most reports give, preferring reports that say it was signed
    select agreement_id, signed_date, date_precision
    from status_ranked
    where signed_date is not null and date_precision <> 'unknown'
    group by agreement_id, signed_date, date_precision
    qualify row_number() over (
        partition by agreement_id
        order by case date_precision when 'day' then 1 when 'month' then 2 else 3 end,
            bool_or(status_rank between 2 and 4)::int desc, count(*) desc, signed_date
    ) = 1
),

best_names as (
    select agreement_id, name
    from reports
    group by agreement_id, name
    qualify row_number() over (partition by agreement_id order by count(*) desc, length(name) desc, name) = 1
),

agreements as (
    select
        agreement_id,
        arg_max(status, status_rank) as status,
        coalesce(mode(agreement_type) filter (where agreement_type <> 'other'), 'other') as agreement_type,
        mode(duration_years) filter (where duration_years is not null) as duration_years,
        mode(article_count) filter (where article_count is not null) as article_count,
        list_sort(list_distinct(list(name))) as reported_names,
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
    from agreements
    inner join best_names on best_names.agreement_id = agreements.agreement_id
    inner join grades on grades.fact_id = agreements.agreement_id
    left join best_dates on best_dates.agreement_id = agreements.agreement_id
)

select * from final
