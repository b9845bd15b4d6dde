{#- Every way the extraction layer names an actor — mentions, claim speakers, agreement parties,
    meeting participants, figure speakers — reduced to distinct name references. Resolution
    works on these (thousands of names), not on millions of mentions. -#}
with

mentions as (
    select actor_key, actor_name, actor_type, country_code from {{ ref('stg_nlp__mentions') }}
),

claim_speakers as (
    select speaker_actor_key as actor_key, speaker_name as actor_name, speaker_type as actor_type, null::varchar as country_code
    from {{ ref('stg_nlp__claims') }}
    where speaker_type in ('person', 'country', 'organization')
        and coalesce(speaker_actor_key, speaker_name) is not null
),

agreement_parties as (
    select actor_key, actor_name, actor_type, null::varchar as country_code from {{ ref('stg_nlp__agreement_parties') }}
),

meeting_participants as (
    select actor_key, actor_name, actor_type, null::varchar as country_code from {{ ref('stg_nlp__meeting_participants') }}
    where actor_type in ('person', 'country', 'organization')  -- a described participant is no actor
),

figure_speakers as (
    select speaker_actor_key as actor_key, speaker_name as actor_name, speaker_type as actor_type, null::varchar as country_code
    from {{ ref('stg_nlp__figures') }}
    where speaker_type in ('person', 'country', 'organization')
        and coalesce(speaker_actor_key, speaker_name) is not null
),

unioned as (
    select * from mentions
    union all select * from claim_speakers
    union all select * from agreement_parties
    union all select * from meeting_participants
    union all select * from figure_speakers
),

keyed as (
    select
        {{ actor_reference_key('actor_key', 'actor_name', 'actor_type', 'country_code') }} as reference_key,
        actor_key,
        coalesce(actor_name, actor_key) as actor_name,
        lower(actor_type) as actor_type,
        upper(country_code) as country_code,
    from unioned
),

final as (
    -- the key is case-insensitive on the name: 'Kremlin' and 'kremlin' are one reference
    select
        reference_key,
        min(actor_key) as actor_key,
        min(actor_name) as actor_name,
        min(actor_type) as actor_type,
        min(country_code) as country_code,
        {{ normalized_name('min(actor_name)') }} as name_normalized,
    from keyed
    group by reference_key
)

select
    *,
    {{ translit_key('name_normalized') }} as name_translit,
from final
