with

mentions as (
    select * from {{ source('raw', 'ann_mentions') }}
),

annotated as (
    -- only annotations of a document's current content count
    select ann.doc_id, ann.extractor_version
    from {{ source('raw', 'ann_documents') }} as ann
    inner join {{ source('raw', 'documents') }} as doc
        on doc.doc_id = ann.doc_id and doc.content_hash = ann.content_hash
    where ann.status = 'ok'
),

final as (
    select
        md5(concat_ws('|', mentions.doc_id, mentions.char_start, mentions.char_end)) as mention_id,
        mentions.doc_id,
        mentions.extractor_version,
        mentions.sentence_index,
        mentions.char_start,
        mentions.char_end,
        mentions.mention_text,
        mentions.actor_key,
        mentions.actor_name,
        lower(mentions.actor_type) as actor_type,
        upper(mentions.country_code) as country_code,
        mentions.method,
        mentions.confidence,
    from mentions
    inner join annotated
        on annotated.doc_id = mentions.doc_id
        and annotated.extractor_version = mentions.extractor_version
    qualify row_number() over (
        partition by mentions.doc_id, mentions.char_start, mentions.char_end order by mentions.confidence desc
    ) = 1
)

select * from final
