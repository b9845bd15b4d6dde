{#- A source table, or an empty relation with the given columns when the table does not exist yet
    (a warehouse created before the loader introduced it). Lets staging build on every warehouse
    without dbt ever writing into raw. `columns` maps column name -> DuckDB type. -#}
{% macro source_or_empty(source_name, table_name, columns) -%}
    {%- set src = source(source_name, table_name) -%}
    {%- set relation = adapter.get_relation(database=src.database, schema=src.schema, identifier=src.identifier) if execute else none -%}
    {%- if relation is not none or not execute -%}
        {{ src }}
    {%- else -%}
        (select {% for name, type in columns.items() %}null::{{ type }} as {{ name }}{{ ", " if not loop.last }}{% endfor %} limit 0)
    {%- endif -%}
{%- endmacro %}
