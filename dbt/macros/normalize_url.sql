{#- A comparable form of a URL: no scheme, no www., lowercase host, no query/fragment for t.me,
    no trailing slash; t.me/s/<handle>/<id> (the web preview) becomes t.me/<handle>/<id>. -#}
{% macro normalize_url(expr) -%}
    nullif(
        regexp_replace(
            regexp_replace(
                regexp_replace(
                    lower(regexp_replace(trim({{ expr }}), '^[a-zA-Z]+://', '')),
                    '^(www\.|m\.)', ''
                ),
                '^(t\.me|telegram\.me)/s/', 't.me/'
            ),
            '(#.*$)|(/+$)|(\?utm_[^#]*$)', '', 'g'
        ),
        ''
    )
{%- endmacro %}

{#- The Telegram handle of a t.me URL, lowercased ('https://t.me/TASS_agency/1' -> 'tass_agency'). -#}
{% macro telegram_handle(expr) -%}
    nullif(lower(regexp_extract({{ expr }}, '(?:t\.me|telegram\.me)/(?:s/)?([A-Za-z0-9_]{3,})', 1)), '')
{%- endmacro %}

{#- The host of a URL without www. ('https://www.tass.com/x' -> 'tass.com'). -#}
{% macro url_domain(expr) -%}
    nullif(lower(regexp_extract({{ expr }}, '^[a-zA-Z]+://(?:www\.)?([^/:?#]+)', 1)), '')
{%- endmacro %}
