{#- Admiralty (NATO) grading used by every fact mart.

    Source reliability A–F comes from the outlet registry (dbt/seeds/outlet_registry.csv); an
    outlet the registry does not know is F ("cannot be judged"). A fact's reliability is the best
    grade among the outlets reporting it.

    Information credibility 1–6 comes from corroboration by INDEPENDENT ORIGINS (a forward, an
    exact copy or a near-duplicate rewrite of one origin counts once):
      1 confirmed        ≥ 2 independent origins graded A–C
      2 probably true    ≥ 2 independent origins with one graded A–C, or ≥ 3 independent origins of any grade
      3 possibly true    2 independent origins graded D–F, or 1 origin graded A–B
      4 doubtful         1 origin graded C–D
      5 improbable       contradicted by another report with at least as many independent origins
      6 cannot be judged 1 origin graded E–F (including every unknown outlet), or no origin at all -#}
{% macro credibility_grade(origin_count, graded_ac_origin_count, best_reliability, is_contradicted) -%}
    case
        when {{ is_contradicted }} then 5
        when {{ graded_ac_origin_count }} >= 2 then 1
        when {{ origin_count }} >= 2 and {{ graded_ac_origin_count }} >= 1 then 2
        when {{ origin_count }} >= 3 then 2
        when {{ origin_count }} = 2 then 3
        when {{ origin_count }} = 1 and {{ best_reliability }} in ('A', 'B') then 3
        when {{ origin_count }} = 1 and {{ best_reliability }} in ('C', 'D') then 4
        else 6
    end
{%- endmacro %}
