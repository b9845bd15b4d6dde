{{
    config(
        materialized='incremental',
        unique_key='doc_id',
        incremental_strategy='delete+insert',
        on_schema_change='append_new_columns',
    )
}}
{#- Near-duplicate document pairs (syndicated copies, light rewrites) from MinHash sketches.

    Stored directed: a row (doc_id, similar_doc_id) for every near-duplicate, in both directions,
    plus one self row per document recording which content was compared, so an incremental run
    knows what changed. Incremental runs recompute only the "dirty" documents — new or edited
    ones and every document that was or becomes their near-duplicate — so the pair set equals a
    full refresh's. Candidates are documents sharing sketch hashes (an inverted index); hashes
    common to more than `minhash_max_doc_frequency` documents are boilerplate and ignored. -#}
with

signatures as (
    select * from {{ ref('int_document_signatures') }}
),

sketch_hashes as (
    select doc_id, unnest(sketch) as shingle_hash from signatures
),

hash_frequency as (
    select shingle_hash, count(*) as doc_frequency
    from sketch_hashes
    group by shingle_hash
),

informative_hashes as (
    select sketch_hashes.doc_id, sketch_hashes.shingle_hash
    from sketch_hashes
    inner join hash_frequency on hash_frequency.shingle_hash = sketch_hashes.shingle_hash
    where hash_frequency.doc_frequency between 2 and {{ var('minhash_max_doc_frequency') }}
),

changed as (
    select signatures.doc_id
    from signatures
    {% if is_incremental() and 'signature_version' in (adapter.get_columns_in_relation(this) | map(attribute='name') | list) %}
    where not exists (
        select 1 from {{ this }} as compared
        where compared.doc_id = signatures.doc_id
            and compared.similar_doc_id = signatures.doc_id
            and compared.content_hash = signatures.content_hash
            and compared.signature_version = signatures.signature_version
    )
    {% endif %}
),

changed_candidates as (
    select distinct changed_hashes.doc_id, other_hashes.doc_id as similar_doc_id
    from informative_hashes as changed_hashes
    inner join changed on changed.doc_id = changed_hashes.doc_id
    inner join informative_hashes as other_hashes
        on other_hashes.shingle_hash = changed_hashes.shingle_hash
        and other_hashes.doc_id <> changed_hashes.doc_id
),

dirty as (
    select doc_id from changed
    union
    select similar_doc_id as doc_id from changed_candidates
    {% if is_incremental() %}
    union
    select previous.doc_id
    from {{ this }} as previous
    inner join changed on changed.doc_id = previous.similar_doc_id
    {% endif %}
),

candidates as (
    select
        dirty_hashes.doc_id,
        other_hashes.doc_id as similar_doc_id,
        count(*) as shared_hashes,
    from informative_hashes as dirty_hashes
    inner join dirty on dirty.doc_id = dirty_hashes.doc_id
    inner join informative_hashes as other_hashes
        on other_hashes.shingle_hash = dirty_hashes.shingle_hash
        and other_hashes.doc_id <> dirty_hashes.doc_id
    group by all
    having count(*) >= {{ var('minhash_min_shared_hashes') }}
),

estimated as (
    select
        candidates.doc_id,
        candidates.similar_doc_id,
        left_doc.content_hash,
        left_doc.signature_version,
        -- Jaccard estimate: share of the bottom-k of the union that both sketches contain
        len(list_filter(
            list_sort(list_distinct(left_doc.sketch || right_doc.sketch))[1:{{ var('minhash_k') }}],
            h -> list_contains(left_doc.sketch, h) and list_contains(right_doc.sketch, h)
        ))::double / least({{ var('minhash_k') }}, len(list_distinct(left_doc.sketch || right_doc.sketch))) as jaccard_estimate,
    from candidates
    inner join signatures as left_doc on left_doc.doc_id = candidates.doc_id
    inner join signatures as right_doc on right_doc.doc_id = candidates.similar_doc_id
),

self_rows as (
    select
        signatures.doc_id, signatures.doc_id as similar_doc_id, signatures.content_hash, signatures.signature_version,
        1.0::double as jaccard_estimate,
    from signatures
    inner join dirty on dirty.doc_id = signatures.doc_id
),

final as (
    select doc_id, similar_doc_id, content_hash, signature_version, jaccard_estimate
    from estimated
    where jaccard_estimate >= {{ var('near_duplicate_jaccard') }}
    union all
    select doc_id, similar_doc_id, content_hash, signature_version, jaccard_estimate from self_rows
)

select * from final
