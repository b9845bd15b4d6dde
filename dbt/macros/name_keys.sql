{#- Matching keys for names. Resolution compares these, never raw strings. -#}

{#- Name keys are computed by their one owner, extraction/names.py, registered as DuckDB functions
    by osint/dbt_functions.py (normalized: lowercase, no accents, possessives or leading titles;
    translit: transliteration variants folded onto one key). -#}
{% macro normalized_name(expr) -%}
    osint_name_normalized({{ expr }})
{%- endmacro %}

{% macro translit_key(expr) -%}
    osint_name_translit({{ expr }})
{%- endmacro %}

{#- A pipe-separated seed cell as a list of trimmed, non-empty items (extraction/seeds.py owns the
    convention). -#}
{% macro seed_list(expr) -%}
    osint_seed_list(coalesce({{ expr }}, ''))
{%- endmacro %}

{#- Content tokens of an agreement name, its Russian words first put in English (osint_agreement_name_english):
    generic words (treaty, pact, the, ...) and numbers dropped
    (place words are removed by the caller, from the seeds); 'partnership' folded onto 'cooperation', which treaty titles use interchangeably. -#}
{% macro agreement_name_tokens(expr) -%}
    list_sort(list_distinct(list_filter(
        list_transform(
            string_split_regex(lower(strip_accents(coalesce(osint_agreement_name_english({{ expr }}), ''))), '[^a-z]+'),
            token -> case when token in ('partnership', 'partner', 'collaboration') then 'cooperation' else token end
        ),
        token -> length(token) > 1
            and token not in (
                'treaty', 'agreement', 'agreements', 'pact', 'accord', 'accords', 'deal', 'memorandum', 'mou',
                'understanding', 'contract', 'statement', 'declaration', 'charter', 'protocol',
                'the', 'on', 'of', 'and', 'between', 'for', 'in', 'an', 'with', 'to', 'new', 'landmark',
                'year', 'years', 'long', 'term', 'bilateral', 'interstate', 'inter', 'state',
                'tentative', 'preliminary', 'initial', 'interim', 'final', 'historic', 'proposed', 'draft'
            )
    )))
{%- endmacro %}

{#- Normalized claim text for duplicate detection: lowercase, no accents, no punctuation. -#}
{% macro normalized_text(expr) -%}
    trim(regexp_replace(lower(strip_accents({{ expr }})), '[^a-z0-9а-яё]+', ' ', 'g'))
{%- endmacro %}

{#- The key a name reference is resolved under: the same (key, name, type, country) always
    resolves to the same actor, wherever it appears. -#}
{% macro actor_reference_key(actor_key, actor_name, actor_type, country_code) -%}
    md5(concat_ws('|',
        coalesce({{ actor_key }}, ''),
        lower(coalesce({{ actor_name }}, {{ actor_key }}, '')),
        coalesce(lower({{ actor_type }}), ''),
        coalesce(upper({{ country_code }}), '')
    ))
{%- endmacro %}

{#- Two tokenized person names (transliteration keys) may be one person: the surnames agree
    (equal, or Jaro–Winkler ≥ 0.9) and the first names agree (equal, one is an initial, or the same
    first letter with Jaro–Winkler ≥ 0.9). Hassan/Hossein Rouhani fail the first-name test. -#}
{% macro compatible_person_names(left_tokens, right_tokens) -%}
    (
        ({{ left_tokens }}[-1] = {{ right_tokens }}[-1]
            or jaro_winkler_similarity({{ left_tokens }}[-1], {{ right_tokens }}[-1]) >= 0.9)
        and (
            {{ left_tokens }}[1] = {{ right_tokens }}[1]
            or (length({{ left_tokens }}[1]) = 1 and left({{ right_tokens }}[1], 1) = {{ left_tokens }}[1])
            or (length({{ right_tokens }}[1]) = 1 and left({{ left_tokens }}[1], 1) = {{ right_tokens }}[1])
            or (left({{ left_tokens }}[1], 1) = left({{ right_tokens }}[1], 1)
                and jaro_winkler_similarity({{ left_tokens }}[1], {{ right_tokens }}[1]) >= 0.9)
        )
    )
{%- endmacro %}
