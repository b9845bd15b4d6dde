{#- Figure reports deduplicated: the same metric, unit, period (year) and parties with a value
    equal to three significant digits is one figure ("$5 billion" in two outlets). Speakers do not
    split a figure: one outlet attributes it, another does not. -#}
with

reports as (
    select * from {{ ref('stg_nlp__figures') }}
),

names as (
    select * from {{ ref('int_actor_names_resolved') }}
),

spoken as (
    select
        reports.*,
        names.actor_id as speaker_actor_id,
        -- three significant digits: 5000000000 and 5.0e9 are one value, 5.1e9 another
        case when reports.value = 0 then 0
            else round(reports.value / pow(10, floor(log10(abs(reports.value))) - 2)) * pow(10, floor(log10(abs(reports.value))) - 2)
        end as value_rounded,
        coalesce(year(reports.period_end), year(reports.period_start)) as period_year,
        list_sort(coalesce(reports.party_actor_keys, []::varchar[])) as party_keys,
    from reports
    left join names
        on names.reference_key = {{ actor_reference_key('reports.speaker_actor_key', 'reports.speaker_name', "'person'", 'null') }}
),

final as (
    select
        figure_report_id,
        'figure-' || left(md5(concat_ws('|', metric, unit, value_rounded, coalesce(period_year::varchar, ''), array_to_string(party_keys, ' '))), 16) as figure_id,
        doc_id,
        extractor_version,
        figure_index,
        sentence_index,
        char_start,
        char_end,
        source_text,
        metric,
        value,
        value_rounded,
        unit,
        qualifier,
        period_text,
        period_start,
        period_end,
        period_year,
        party_keys,
        speaker_actor_id,
        speaker_name,
        confidence,
    from spoken
)

select * from final
