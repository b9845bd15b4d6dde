{#- A person actor whose name forms carry given names no one person has ("<A> Smith" and "<B> Smith" merged
    into one actor): a wrong merge puts one person's words on another. Listed on every build (warn: the
    merge is the extractor's, an analyst decides); `osint_conflicting_given_names` owns the rule. -#}
{{ config(severity='warn') }}

select
    actor_id,
    canonical_name,
    aliases,
    osint_conflicting_given_names(list_append(aliases, canonical_name)) as given_names,
from {{ ref('dim_actors') }}
where actor_type = 'person'
    and len(osint_conflicting_given_names(list_append(aliases, canonical_name))) > 0
