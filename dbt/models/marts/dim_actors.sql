with

actors as (
    select * from {{ ref('int_actors_resolved') }}
),

mentions as (
    select * from {{ ref('int_actor_mentions_resolved') }}
),

documents as (
    select * from {{ ref('stg_raw__documents') }}
),

mention_stats as (
    select
        mentions.actor_id,
        count(*) as mention_count,
        count(distinct mentions.doc_id) as document_count,
        -- when the actor was seen: a document's date, else when the warehouse first saw it
        min(coalesce(documents.reported_at, documents.ingested_at)) as first_seen_at,
        max(coalesce(documents.reported_at, documents.ingested_at)) as last_seen_at,
    from mentions
    inner join documents on documents.doc_id = mentions.doc_id
    group by mentions.actor_id
),

final as (
    select
        actors.actor_id,
        actors.canonical_name,
        actors.actor_type,
        actors.country_code,
        actors.aliases,
        actors.wikidata_qid,
        actors.role,
        actors.origin,
        coalesce(mention_stats.mention_count, 0) as mention_count,
        coalesce(mention_stats.document_count, 0) as document_count,
        mention_stats.first_seen_at,
        mention_stats.last_seen_at,
    from actors
    left join mention_stats on mention_stats.actor_id = actors.actor_id
)

select * from final
