{#- A fact an analyst rejected is in audit_rejected_facts and in no fact mart, bridge or evidence row. -#}
with

published as (
    select 'meeting' as fact_type, meeting_id as fact_id from {{ ref('fct_meetings') }}
    union all select 'meeting', meeting_id from {{ ref('bdg_meeting_participants') }}
    union all select 'meeting', held_meeting_id from {{ ref('fct_meetings') }} where held_meeting_id is not null
    union all select 'agreement', agreement_id from {{ ref('dim_agreements') }}
    union all select 'agreement', agreement_id from {{ ref('bdg_agreement_parties') }}
    union all select 'agreement', agreement_id from {{ ref('fct_meetings') }} where agreement_id is not null
    union all select 'claim', claim_id from {{ ref('fct_claims') }}
    union all select 'trade_figure', figure_id from {{ ref('fct_trade_figures') }}
    union all select 'trade_figure', unnest(contradicting_figure_ids) from {{ ref('fct_trade_figures') }}
    union all select fact_type, fact_id from {{ ref('fct_evidence') }}
)

select published.fact_type, published.fact_id, rejected.judgement_id
from published
inner join {{ ref('audit_rejected_facts') }} as rejected
    on rejected.fact_type = published.fact_type and rejected.fact_id = published.fact_id
