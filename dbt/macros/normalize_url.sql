{#- A comparable form of a URL (no scheme, www., trailing slash, fragment or tracking query; t.me/s/
    preview links folded onto post links): computed by its one owner, ingestion/urls.py, registered
    as a DuckDB function by osint/dbt_functions.py. -#}
{% macro normalize_url(expr) -%}
    osint_url_comparable({{ expr }})
{%- endmacro %}

{#- The Telegram handle of a t.me URL, lowercased ('https://t.me/TASS_agency/1' -> 'tass_agency'). -#}
{% macro telegram_handle(expr) -%}
    nullif(lower(regexp_extract({{ expr }}, '(?:t\.me|telegram\.me)/(?:s/)?([A-Za-z0-9_]{3,})', 1)), '')
{%- endmacro %}

{#- The host of a URL without www. ('https://www.tass.com/x' -> 'tass.com'). -#}
{% macro url_domain(expr) -%}
    nullif(lower(regexp_extract({{ expr }}, '^[a-zA-Z]+://(?:www\.)?([^/:?#]+)', 1)), '')
{%- endmacro %}
