-- What a speaker said about an agreement.
-- Answers: what did an actor (a person, a government, an organization, or an outlet speaking for
-- itself) say about an agreement — every claim whose own sentence, or quoted words, names the
-- agreement (link_scope 'sentence'), then those that name it only elsewhere in the same
-- paragraph ('paragraph') — with how it was said, who published it first and its grade.
-- Claims are linked to what they are about in bdg_claim_subjects; a speaker is never linked to
-- their own claim.
-- Parameters (`params`):
--   speaker_pattern    ILIKE pattern on the speaker's name or any of their aliases;
--                      '%' is anyone, '%Kovalenko%' one person.
--   agreement_pattern  ILIKE pattern on the agreement's name or any name it was reported under
--                      ('%partnership%'); null picks the most reported agreement any claim is about.
-- Run: osint query --file queries/claims_about_an_agreement.sql
with

params as (
    select
        '%' as speaker_pattern,
        null::varchar as agreement_pattern,
),

agreement_links as (
    select claim_id, agreement_id, link_scope, document_count
    from bdg_claim_subjects
    where subject_type = 'agreement'
),

most_reported as (
    -- the default agreement: the most reported one that a claim is about
    select dim_agreements.agreement_id
    from dim_agreements
    where dim_agreements.agreement_id in (select agreement_id from agreement_links)
    order by dim_agreements.source_count desc, dim_agreements.outlet_count desc, dim_agreements.agreement_id
    limit 1
),

agreements as (
    select
        dim_agreements.agreement_id,
        dim_agreements.name,
        dim_agreements.status,
        dim_agreements.signed_date,
    from dim_agreements
    cross join params
    where
        (params.agreement_pattern is null and dim_agreements.agreement_id in (select agreement_id from most_reported))
        or dim_agreements.name ilike params.agreement_pattern
        or array_to_string(dim_agreements.reported_names, ' | ') ilike params.agreement_pattern
),

speakers as (
    select fct_claims.claim_id
    from fct_claims
    cross join params
    left join dim_actors on dim_actors.actor_id = fct_claims.speaker_actor_id
    where fct_claims.speaker_name ilike params.speaker_pattern
        or array_to_string(dim_actors.aliases, ' | ') ilike params.speaker_pattern
),

final as (
    select
        agreements.name as agreement,
        agreements.status as agreement_status,
        agreements.signed_date,
        fct_claims.speaker_name as speaker,
        fct_claims.claim_text,
        fct_claims.is_direct_quote,
        agreement_links.link_scope,
        coalesce(dim_outlets.name, fct_claims.outlet_id) as first_outlet,
        dim_outlets.reliability_grade,
        fct_claims.admiralty_grade,
        fct_claims.source_count,
        fct_claims.first_reported_at,
        fct_claims.source_url,
        fct_claims.claim_id,
        agreements.agreement_id,
    from agreement_links
    inner join agreements on agreements.agreement_id = agreement_links.agreement_id
    inner join speakers on speakers.claim_id = agreement_links.claim_id
    inner join fct_claims on fct_claims.claim_id = agreement_links.claim_id
    left join dim_outlets on dim_outlets.outlet_id = fct_claims.outlet_id
)

select * from final
order by agreement, agreement_id, link_scope desc, first_reported_at nulls last, claim_id
