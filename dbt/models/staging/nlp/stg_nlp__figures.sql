{#- Figure reports of the current annotations. Parties are ISO 3166-1 alpha-3 codes, sorted; an
    annotation written before the parties column existed has them derived from its country actor
    keys (country-irn → IRN), and its scope from how many there are. -#}
with

source as (
    select * from {{ source('nlp', 'ann_figures') }}
),

current_annotations as (
    select * from {{ current_annotations() }}
),

typed as (
    select
        md5(concat_ws('|', source.doc_id, 'figure', source.figure_index)) as figure_report_id,
        source.doc_id,
        source.extractor_version,
        source.figure_index,
        source.sentence_index,
        source.char_start,
        source.char_end,
        source.source_text,
        lower(source.metric) as metric,
        source.value,
        source.value_high,
        case when length(source.unit) = 3 then upper(source.unit) else lower(source.unit) end as unit,
        lower(nullif(trim(source.per), '')) as per,
        coalesce(source.is_change, false) as is_change,
        lower(nullif(trim(source.qualifier), '')) as qualifier,
        nullif(trim(source.period_text), '') as period_text,
        source.period_start,
        source.period_end,
        lower(nullif(trim(source.period_precision), '')) as period_precision,
        nullif(trim(source.speaker_actor_key), '') as speaker_actor_key,
        nullif(trim(source.speaker_name), '') as speaker_name,
        lower(nullif(trim(source.speaker_type), '')) as speaker_type,
        coalesce(source.party_actor_keys, []::varchar[]) as party_actor_keys,
        coalesce(
            source.party_roles,
            list_transform(coalesce(source.party_actor_keys, []::varchar[]), party_key -> 'subject')
        ) as party_roles,
        list_sort(list_distinct(coalesce(
            list_transform(source.parties, party -> upper(party)),
            list_transform(
                list_filter(coalesce(source.party_actor_keys, []::varchar[]), party_key -> party_key like 'country-%'),
                party_key -> upper(substr(party_key, 9))
            )
        ))) as parties,
        lower(nullif(trim(source.scope), '')) as scope,
        source.confidence,
    from source
    inner join current_annotations
        on
            current_annotations.doc_id = source.doc_id
            and current_annotations.extractor_version = source.extractor_version
    qualify row_number() over (partition by source.doc_id, source.figure_index order by source.confidence desc) = 1
),

final as (
    select
        typed.* exclude (scope),
        coalesce(
            typed.scope,
            case len(typed.parties)
                when 0 then null
                when 1 then 'unilateral'
                when 2 then 'bilateral'
                else 'multilateral'
            end
        ) as scope,
    from typed
)

select * from final
