{#- Whether two reports of one figure (same metric, unit, period and parties) contradict each other:
    two lower (or two upper) bounds never do; a bound is contradicted by a value beyond it; two plain
    values by a difference over `figure_contradiction_tolerance`. The one owner of the rule, used by
    int_facts_graded (credibility) and fct_trade_figures (contradicting_figure_ids). -#}
{% macro figures_contradict(figure, rival) -%}
    case
        when coalesce({{ figure }}.qualifier, '') in ('over', 'at_least') and coalesce({{ rival }}.qualifier, '') in ('over', 'at_least') then false
        when coalesce({{ figure }}.qualifier, '') in ('under', 'up_to') and coalesce({{ rival }}.qualifier, '') in ('under', 'up_to') then false
        when coalesce({{ figure }}.qualifier, '') in ('over', 'at_least')
            then {{ rival }}.value_rounded < {{ figure }}.value_rounded * (1 - {{ var('figure_contradiction_tolerance') }})
        when coalesce({{ rival }}.qualifier, '') in ('over', 'at_least')
            then {{ figure }}.value_rounded < {{ rival }}.value_rounded * (1 - {{ var('figure_contradiction_tolerance') }})
        when coalesce({{ figure }}.qualifier, '') in ('under', 'up_to')
            then {{ rival }}.value_rounded > {{ figure }}.value_rounded * (1 + {{ var('figure_contradiction_tolerance') }})
        when coalesce({{ rival }}.qualifier, '') in ('under', 'up_to')
            then {{ figure }}.value_rounded > {{ rival }}.value_rounded * (1 + {{ var('figure_contradiction_tolerance') }})
        else abs({{ rival }}.value_rounded - {{ figure }}.value_rounded)
            > {{ var('figure_contradiction_tolerance') }} * greatest(abs({{ rival }}.value_rounded), abs({{ figure }}.value_rounded))
    end
{%- endmacro %}
