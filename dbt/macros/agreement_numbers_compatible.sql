{#- Two agreement reports can describe one agreement only if the duration and the article count
    agree wherever both state them. `left` and `right` are relation aliases with columns
    duration_years and article_count. -#}
{% macro agreement_numbers_compatible(left, right) -%}
    (
        ({{ left }}.duration_years is null or {{ right }}.duration_years is null or {{ left }}.duration_years = {{ right }}.duration_years)
        and ({{ left }}.article_count is null or {{ right }}.article_count is null or {{ left }}.article_count = {{ right }}.article_count)
    )
{%- endmacro %}
