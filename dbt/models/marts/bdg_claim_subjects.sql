{#- Claim × what it is about: the agreements, meetings and actors a claim's reports name next to it.

    A subject is linked when a report of it (an agreement's or meeting's evidence span, an actor
    mention) is inside the claim's words (also a quote running over several sentences) or, for an
    agreement or meeting, elsewhere in the claim's own sentence — link_scope 'sentence' — or else in
    another sentence of the same paragraph of the same document — 'paragraph'. An actor named in the
    claim's sentence but outside its words is part of the attribution ("Kremlin spokesman X told
    Y that ...": the speaker's office, the addressee), not what the claim is about, and is not
    linked. A paragraph is a run of text between line breaks: the text between the two spans has
    no newline. Nothing further away is linked, and the speaker is never a subject of their own
    claim (neither the speaker's actor nor a mention inside the speaker's own span, "Khabar Online
    warned"). Over all reports of a claim the closest link wins; document_count counts the
    documents in which the claim and the subject are that close. -#}
with

claims as (
    -- every report of a published claim, with where its speaker is named
    select
        reports.claim_id,
        reports.doc_id,
        reports.sentence_index,
        reports.char_start,
        reports.char_end,
        reports.speaker_actor_id,
        annotated.speaker_char_start,
        annotated.speaker_char_end,
    from {{ ref('int_claim_reports_deduplicated') }} as reports
    inner join {{ ref('stg_nlp__claims') }} as annotated on annotated.claim_report_id = reports.claim_report_id
    where reports.claim_id in (select claim_id from {{ ref('fct_claims') }})
),

fact_spans as (
    -- where each published agreement and meeting is reported
    select fact_type as subject_type, fact_id as subject_id, doc_id, sentence_index, char_start, char_end
    from {{ ref('int_fact_supports') }}
    where (fact_type = 'agreement' and fact_id in (select agreement_id from {{ ref('dim_agreements') }}))
        or (fact_type = 'meeting' and fact_id in (select meeting_id from {{ ref('fct_meetings') }}))
),

actor_spans as (
    select 'actor' as subject_type, actor_id as subject_id, doc_id, sentence_index, char_start, char_end
    from {{ ref('int_actor_mentions_resolved') }}
    where actor_id in (select actor_id from {{ ref('dim_actors') }})
),

subject_spans as (
    select * from fact_spans
    union all
    select * from actor_spans
),

documents as (
    select doc_id, body from {{ ref('stg_raw__documents') }}
    where doc_id in (select doc_id from claims)
),

candidates as (
    select
        claims.claim_id,
        subject_spans.subject_type,
        subject_spans.subject_id,
        claims.doc_id,
        subject_spans.char_start >= claims.char_start and subject_spans.char_end <= claims.char_end as in_claim_words,
        subject_spans.sentence_index = claims.sentence_index as in_claim_sentence,
        -- the text between the span ending first and the span starting last (none when they overlap)
        least(claims.char_end, subject_spans.char_end) as gap_start,
        greatest(claims.char_start, subject_spans.char_start) as gap_end,
        documents.body,
    from claims
    inner join subject_spans on subject_spans.doc_id = claims.doc_id
    inner join documents on documents.doc_id = claims.doc_id
    where not (subject_spans.subject_type = 'actor' and subject_spans.subject_id is not distinct from claims.speaker_actor_id)
        and not coalesce(
            subject_spans.subject_type = 'actor'
            and subject_spans.char_start < claims.speaker_char_end
            and subject_spans.char_end > claims.speaker_char_start,
            false
        )
),

linked as (
    select
        claim_id,
        subject_type,
        subject_id,
        doc_id,
        case
            when in_claim_words then 'sentence'
            when in_claim_sentence and subject_type <> 'actor' then 'sentence'
            -- an actor in the attribution around the claim's words
            when in_claim_sentence then null
            -- char offsets are 0-based code points, substring is 1-based
            when gap_end <= gap_start or strpos(substring(body, gap_start + 1, gap_end - gap_start), chr(10)) = 0
                then 'paragraph'
        end as link_scope,
    from candidates
),

closest as (
    select
        *,
        bool_or(link_scope = 'sentence') over (partition by claim_id, subject_type, subject_id) as any_in_sentence,
    from linked
    where link_scope is not null
),

final as (
    select
        claim_id,
        subject_type,
        subject_id,
        case when subject_type = 'agreement' then subject_id end as agreement_id,
        case when subject_type = 'meeting' then subject_id end as meeting_id,
        case when subject_type = 'actor' then subject_id end as actor_id,
        case when any_in_sentence then 'sentence' else 'paragraph' end as link_scope,
        count(distinct doc_id) filter (where link_scope = 'sentence' or not any_in_sentence) as document_count,
    from closest
    group by claim_id, subject_type, subject_id, any_in_sentence
)

select * from final
