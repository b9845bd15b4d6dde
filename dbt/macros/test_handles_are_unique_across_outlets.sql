{#- Seed test: a Telegram handle or web domain belongs to one outlet only, otherwise documents
    would be attributed arbitrarily. -#}
{% test handles_are_unique_across_outlets(model) %}
with

handles as (
    select outlet_id, unnest({{ seed_list('lower(handles)') }}) as value, 'handle' as kind from {{ model }}
    union all
    select outlet_id, unnest({{ seed_list('lower(domains)') }}) as value, 'domain' as kind from {{ model }}
)

select kind, value, list(outlet_id) as outlets
from handles
where value <> ''
group by kind, value
having count(distinct outlet_id) > 1
{% endtest %}
