{{
    config(
        materialized='incremental',
        unique_key='doc_id',
        incremental_strategy='delete+insert',
        on_schema_change='append_new_columns',
        pre_hook="{% if is_incremental() %}delete from {{ this }} where (doc_id, annotated_at) not in (select (doc_id, annotated_at) from {{ ref('stg_nlp__annotated_documents') }} where is_current and status = 'ok'){% endif %}",
    )
}}
{#- Every actor mention linked to one actor. Incremental (delete+insert on doc_id): a document is
    re-resolved when its annotations changed (new annotated_at) or when the resolution of any name
    it mentions changed (a new alias or a fuzzy merge), so the result equals a full refresh;
    mentions from an annotation that is no longer current (re-annotated, edited, failed) are deleted
    by the pre-hook first, so a re-annotation that finds nothing leaves nothing behind.

    Document-local coreference: a one-word person name ("Jalali") that a document also uses in
    full ("Kazem Jalali") is that person, whatever the global surname match says.

    Analyst splits by mention (osint judge split A --mention M) come last: the mention goes to the
    split's target (merged onward if the target was merged), resolution_method 'analyst'. A document
    with such a mention, or whose previous resolution came from an analyst, is re-resolved on every
    build, so judging and undoing both reach the incremental table. -#}
with

mentions as (
    select * from {{ ref('stg_nlp__mentions') }}
),

annotations as (
    select doc_id, annotated_at from {{ ref('stg_nlp__annotated_documents') }}
    where is_current and status = 'ok'
),

names as (
    select * from {{ ref('int_actor_names_resolved') }}
),

judged_merges as (
    select * from {{ ref('int_actor_merges_judged') }}
),

judged_mentions as (
    -- the latest active split naming each mention
    select
        split_mentions.mention_id,
        coalesce(judged_merges.to_actor_id, split_mentions.other_actor_id) as actor_id,
    from (
        select unnest(mention_ids) as mention_id, other_actor_id, judgement_id, judged_at
        from {{ ref('stg_raw__analyst_judgements') }}
        where is_active and action = 'split'
    ) as split_mentions
    left join judged_merges on judged_merges.from_actor_id = split_mentions.other_actor_id
    qualify row_number() over (partition by split_mentions.mention_id order by split_mentions.judged_at desc, split_mentions.judgement_id desc) = 1
),

named_mentions as (
    select
        mentions.*,
        annotations.annotated_at,
        names.reference_key,
        names.actor_id as name_actor_id,
        names.resolution_method,
        names.token_count,
        names.name_translit,
    from mentions
    inner join annotations on annotations.doc_id = mentions.doc_id
    inner join names
        on names.reference_key = {{ actor_reference_key('mentions.actor_key', 'mentions.actor_name', 'mentions.actor_type', 'mentions.country_code') }}
),

{% if is_incremental() %}
changed_docs as (
    select distinct named_mentions.doc_id
    from named_mentions
    left join {{ this }} as previous on previous.mention_id = named_mentions.mention_id
    where previous.mention_id is null
        or previous.annotated_at is distinct from named_mentions.annotated_at
        or previous.name_actor_id is distinct from named_mentions.name_actor_id
        or previous.resolution_method = 'analyst'
        or named_mentions.mention_id in (select mention_id from judged_mentions)
),

scoped as (
    select named_mentions.*
    from named_mentions
    inner join changed_docs on changed_docs.doc_id = named_mentions.doc_id
),
{% else %}
scoped as (
    select * from named_mentions
),
{% endif %}

full_names_in_document as (
    -- the people a document names in full, by surname key; only unambiguous surnames
    select doc_id, string_split(name_translit, ' ')[-1] as surname, min(name_actor_id) as actor_id
    from scoped
    where actor_type = 'person' and token_count >= 2
    group by doc_id, string_split(name_translit, ' ')[-1]
    having count(distinct name_actor_id) = 1
),

final as (
    select
        scoped.mention_id,
        scoped.doc_id,
        coalesce(
            judged_mentions.actor_id,
            case when scoped.actor_type = 'person' and scoped.token_count = 1 then full_names_in_document.actor_id end,
            scoped.name_actor_id
        ) as actor_id,
        scoped.name_actor_id,
        case
            when judged_mentions.actor_id is not null then 'analyst'
            when scoped.actor_type = 'person' and scoped.token_count = 1 and full_names_in_document.actor_id is not null
                and full_names_in_document.actor_id <> scoped.name_actor_id
                then 'document_coreference'
            else scoped.resolution_method
        end as resolution_method,
        scoped.reference_key,
        scoped.actor_name,
        scoped.actor_type,
        scoped.country_code,
        scoped.sentence_index,
        scoped.char_start,
        scoped.char_end,
        scoped.mention_text,
        scoped.method,
        scoped.confidence,
        scoped.extractor_version,
        scoped.annotated_at,
    from scoped
    left join full_names_in_document
        on full_names_in_document.doc_id = scoped.doc_id
        and full_names_in_document.surname = scoped.name_translit
    left join judged_mentions on judged_mentions.mention_id = scoped.mention_id
)

select * from final
