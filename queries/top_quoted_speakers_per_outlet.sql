-- Most-quoted speakers per outlet.
-- Answers: whom does each outlet quote most, how often in direct quotation versus reported speech,
-- and over which period? Top `top_n` speakers per outlet (ties broken by name).
-- Run: osint query --file queries/top_quoted_speakers_per_outlet.sql
with

params as (
    select 5 as top_n,
),

claims as (
    select
        fct_claims.outlet_id,
        coalesce(fct_claims.speaker_actor_id, 'unresolved:' || lower(fct_claims.speaker_name)) as speaker_key,
        coalesce(dim_actors.canonical_name, fct_claims.speaker_name) as speaker,
        dim_actors.country_code as speaker_country_code,
        fct_claims.is_direct_quote,
        fct_claims.published_at,
    from fct_claims
    left join dim_actors on dim_actors.actor_id = fct_claims.speaker_actor_id
    where fct_claims.speaker_name is not null or fct_claims.speaker_actor_id is not null
),

per_speaker as (
    select
        outlet_id,
        speaker_key,
        any_value(speaker) as speaker,
        any_value(speaker_country_code) as speaker_country_code,
        count(*) as claims,
        count(*) filter (where is_direct_quote) as direct_quotes,
        min(published_at) as first_quoted_at,
        max(published_at) as last_quoted_at,
    from claims
    group by outlet_id, speaker_key
),

ranked as (
    select
        per_speaker.*,
        row_number() over (partition by outlet_id order by claims desc, speaker) as speaker_rank,
    from per_speaker
),

final as (
    select
        coalesce(dim_outlets.name, ranked.outlet_id) as outlet,
        dim_outlets.platform,
        dim_outlets.reliability_grade,
        ranked.speaker_rank,
        ranked.speaker,
        ranked.speaker_country_code,
        ranked.claims,
        ranked.direct_quotes,
        ranked.first_quoted_at,
        ranked.last_quoted_at,
        ranked.outlet_id,
    from ranked
    cross join params
    left join dim_outlets on dim_outlets.outlet_id = ranked.outlet_id
    where ranked.speaker_rank <= params.top_n
)

select * from final
order by outlet, speaker_rank
