{#- The `lake` target builds the models into a DuckLake, which has no PRIMARY KEY or UNIQUE constraints:
    there a contract's columns keep their types and NOT NULL only (the keys stay checked by the unique
    tests and the mart gate). Every other target renders the contract as dbt does. -#}
{% macro duckdb__get_table_columns_and_constraints() -%}
  {%- if target.name != 'lake' -%}
    {{ return(table_columns_and_constraints()) }}
  {%- endif -%}
  {%- set columns = {} -%}
  {%- for name, column in model['columns'].items() -%}
    {%- set kept = [] -%}
    {%- for constraint in column['constraints'] if constraint['type'] == 'not_null' -%}
      {%- do kept.append(constraint) -%}
    {%- endfor -%}
    {%- set copy = column.copy() -%}
    {%- do copy.update({'constraints': kept}) -%}
    {%- do columns.update({name: copy}) -%}
  {%- endfor -%}
  {%- set raw_column_constraints = adapter.render_raw_columns_constraints(raw_columns=columns) -%}
  (
  {% for c in raw_column_constraints -%}
    {{ c }}{{ "," if not loop.last }}
  {% endfor %}
  )
{%- endmacro %}
