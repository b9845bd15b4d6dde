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
    cost that grows with history. signature_version names the shingling scheme and its settings:
    when it changes, every document is signed again (sketches of two schemes never compare). -#}
{%- set signature_version = 'wordhash-' ~ var('shingle_words') ~ '-' ~ var('minhash_k') %}
with

documents as (
    select * from {{ ref('stg_raw__documents') }} as documents  -- noqa: AL05
    {% if is_incremental() and 'signature_version' in (adapter.get_columns_in_relation(this) | map(attribute='name') | list) %}
    where not exists (
        select 1 from {{ this }} as signed
        where signed.doc_id = documents.doc_id
            and signed.content_hash = documents.content_hash
            and signed.signature_version = '{{ signature_version }}'
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
    -- each word hashed once; a shingle's hash combines the hashes of its words (no per-shingle
    -- string is built: 30× cheaper than hashing joined slices)
    select
        doc_id,
        content_hash,
        len(words) as word_count,
        list_distinct(list_transform(
            list_zip(
                word_hashes{% for k in range(1, var('shingle_words')) %}, word_hashes[{{ k + 1 }}:]{% endfor %}, true
            ),
            shingle -> hash(shingle)
        )) as shingle_hashes,
    from (select *, list_transform(words, w -> hash(w)) as word_hashes from words) as hashed_words
),

final as (
    select
        doc_id,
        content_hash,
        word_count,
        len(shingle_hashes) as shingle_count,
        -- bottom-k MinHash: the k smallest shingle hashes estimate Jaccard similarity
        list_sort(shingle_hashes)[1:{{ var('minhash_k') }}] as sketch,
        '{{ signature_version }}' as signature_version,
    from shingled
)

select * from final
