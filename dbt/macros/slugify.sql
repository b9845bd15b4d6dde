{#- A stable lowercase ascii-ish key from a name: 'Vladimir Putin' -> 'vladimir-putin'. -#}
{% macro slugify(expr) -%}
    trim(regexp_replace(lower(strip_accents({{ expr }})), '[^a-z0-9а-яё]+', '-', 'g'), '-')
{%- endmacro %}
