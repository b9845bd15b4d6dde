{#- Figure reports of the published metrics, deduplicated: one figure is the same metric, unit, rate
    denominator, level or change, value (and range end) equal to three significant digits, period and
    parties ("$5 billion" in two outlets); a figure with neither parties nor a period is one document's
    only. Speakers and qualifiers do not split a figure: one outlet attributes it or says
    "about", another does not. Within one document, a vaguer report of the same number (a headline
    without the countries or the period) is the document's more specific report of it, when exactly
    one such report exists. -#}
with

metrics as (
    select * from {{ ref('figure_metrics') }}
),

-- only figures the metric list publishes (seed column `published`): polls, enrichment levels, generic
-- shares never; a change of something unlisted only when it is a country's; an amount of no listed
-- metric only when it is a country's or a period's
reports as (
    select figures.*
    from {{ ref('stg_nlp__figures') }} as figures
    inner join metrics on metrics.metric = figures.metric
    where metrics.published = 'always'
        or (metrics.published = 'with_parties' and len(figures.parties) > 0)
        or (metrics.published = 'anchored'
            and (len(figures.parties) > 0 or figures.period_start is not null or figures.period_end is not null))
),

names as (
    select * from {{ ref('int_actor_names_resolved') }}
),

spoken as (
    select
        reports.*,
        case when reports.speaker_type in ('person', 'country', 'organization') then names.actor_id end as speaker_actor_id,
        -- three significant digits: 5000000000 and 5.0e9 are one value, 5.1e9 another
        case when reports.value = 0 then 0
            else round(reports.value / pow(10, floor(log10(abs(reports.value))) - 2)) * pow(10, floor(log10(abs(reports.value))) - 2)
        end as value_rounded,
        case when reports.value_high is null or reports.value_high = 0 then reports.value_high
            else round(reports.value_high / pow(10, floor(log10(abs(reports.value_high))) - 2)) * pow(10, floor(log10(abs(reports.value_high))) - 2)
        end as value_high_rounded,
        coalesce(year(reports.period_end), year(reports.period_start)) as period_year,
    from reports
    left join names
        on names.reference_key = {{ actor_reference_key('reports.speaker_actor_key', 'reports.speaker_name', 'reports.speaker_type', 'null') }}
),

keyed as (
    select
        *,
        concat_ws('|', unit, coalesce(per, ''), is_change::varchar, value_rounded::varchar) as number_key,
        concat_ws(
            '|', metric, unit, coalesce(per, ''), is_change::varchar, value_rounded::varchar,
            coalesce(value_high_rounded::varchar, ''), coalesce(period_start::varchar, ''),
            coalesce(period_end::varchar, ''), array_to_string(parties, ' '),
            -- a figure about no country and no period is only its own document's: three outlets'
            -- unrelated "$10bn" are not one figure three times confirmed
            -- (concat_ws skips the null of every other figure: their ids stay as they were)
            case when len(parties) = 0 and period_start is null and period_end is null then doc_id end
        ) as own_key,
    from spoken
),

-- a headline's "$5 Billion" (no parties, metric other) and the body's "$5 billion" between two
-- countries in 2022: one figure, the body's
more_specific as (
    select
        vague.figure_report_id,
        min(specific.own_key) as own_key,
    from keyed as vague
    inner join keyed as specific
        on
            specific.doc_id = vague.doc_id
            and specific.number_key = vague.number_key
            and specific.own_key <> vague.own_key
            and (specific.metric = vague.metric or vague.metric = 'other')
            and (len(vague.parties) = 0 or specific.parties = vague.parties)
            and (
                (vague.period_start is null and vague.period_end is null)
                or (specific.period_start is not distinct from vague.period_start and specific.period_end is not distinct from vague.period_end)
            )
            and (
                len(specific.parties) > len(vague.parties)
                or (vague.period_end is null and vague.period_start is null and specific.period_end is not null)
                or (vague.metric = 'other' and specific.metric <> 'other')
            )
    group by vague.figure_report_id
    having count(distinct specific.own_key) = 1
),

final as (
    select
        keyed.figure_report_id,
        'figure-' || left(md5(coalesce(more_specific.own_key, keyed.own_key)), 16) as figure_id,
        keyed.doc_id,
        keyed.extractor_version,
        keyed.figure_index,
        keyed.sentence_index,
        keyed.char_start,
        keyed.char_end,
        keyed.source_text,
        keyed.metric,
        keyed.value,
        keyed.value_rounded,
        keyed.value_high,
        keyed.value_high_rounded,
        keyed.unit,
        keyed.per,
        keyed.is_change,
        keyed.qualifier,
        keyed.period_text,
        keyed.period_start,
        keyed.period_end,
        keyed.period_precision,
        keyed.period_year,
        keyed.parties as party_keys,
        keyed.parties,
        keyed.party_actor_keys,
        keyed.party_roles,
        keyed.scope,
        keyed.speaker_actor_id,
        keyed.speaker_name,
        keyed.confidence,
        more_specific.figure_report_id is not null as is_vaguer_report,
    from keyed
    left join more_specific on more_specific.figure_report_id = keyed.figure_report_id
)

select * from final
