with

source as (
    select * from {{ source('nlp', 'ann_citations') }}
),

current_annotations as (
    select * from {{ current_annotations() }}
),

cleaned as (
    select
        source.doc_id,
        source.extractor_version,
        source.sentence_index,
        source.char_start,
        source.char_end,
        source.cited_text,
        lower(source.citation_type) as citation_type,
        nullif(trim(source.cited_url), '') as cited_url,
        nullif(trim(source.cited_outlet_key), '') as cited_outlet_key,
        nullif(trim(source.cited_outlet_name), '') as cited_outlet_name,
        source.confidence,
    from source
    inner join current_annotations
        on current_annotations.doc_id = source.doc_id
        and current_annotations.extractor_version = source.extractor_version
),

final as (
    select
        md5(concat_ws('|', doc_id, coalesce({{ normalize_url('cited_url') }}, lower(cited_outlet_key), lower(cited_outlet_name), lower(cited_text)))) as citation_id,
        *,
        {{ normalize_url('cited_url') }} as cited_url_normalized,
        {{ telegram_handle('cited_url') }} as cited_telegram_handle,
        {{ url_domain('cited_url') }} as cited_domain,
    from cleaned
    -- a source cited twice in one document is one citation (first place it is cited)
    qualify row_number() over (partition by citation_id order by char_start, confidence desc) = 1
)

select * from final
