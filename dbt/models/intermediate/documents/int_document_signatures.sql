{{
    config(
        materialized='incremental',
        unique_key='doc_id',
        incremental_strategy='delete+insert',
        on_schema_change='append_new_columns',
    )
}}
{#- One MinHash sketch per document content (bottom-k of the hashed word shingles). Incremental on
    (doc_id, content_hash): only new and edited documents are shingled, because shingling is the
    cost that grows with history. -#}
with

documents as (
    select * from {{ ref('stg_raw__documents') }} as documents
    {% if is_incremental() %}
    where not exists (
        select 1 from {{ this }} as signed
        where signed.doc_id = documents.doc_id
            and signed.content_hash = documents.content_hash
    )
    {% endif %}
),

words as (
    select
        doc_id,
        content_hash,
        list_filter(
            string_split_regex(lower(strip_accents(concat_ws(' ', title, body))), '[^a-z0-9а-яё]+'),
            w -> w <> ''
        ) as words,
    from documents
),

shingled as (
    select
        doc_id,
        content_hash,
        len(words) as word_count,
        list_distinct(list_transform(
            range(1, greatest(len(words) - {{ var('shingle_words') }} + 2, 1)),
            i -> hash(array_to_string(words[i:i + {{ var('shingle_words') }} - 1], ' '))
        )) as shingle_hashes,
    from words
),

final as (
    select
        doc_id,
        content_hash,
        word_count,
        len(shingle_hashes) as shingle_count,
        -- bottom-k MinHash: the k smallest shingle hashes estimate Jaccard similarity
        list_sort(shingle_hashes)[1:{{ var('minhash_k') }}] as sketch,
    from shingled
)

select * from final
