{#- Matching keys for names. Resolution compares these, never raw strings. -#}

{#- 'President Vladimir Putin's' -> 'vladimir putin': lowercase, no accents, no possessive, no
    leading titles or offices, punctuation to single spaces. -#}
{% macro normalized_name(expr) -%}
    trim(regexp_replace(
        regexp_replace(
            regexp_replace(lower(strip_accents({{ expr }})), '[''’]s\b', '', 'g'),
            '[^a-z0-9а-яё]+', ' ', 'g'
        ),
        '^((president|prime|foreign|defense|defence|deputy|vice|minister|mr|mrs|ms|dr|general|gen|secretary|spokesman|spokesperson|ambassador|chairman|chief|king|emir|sheikh|crown|prince|supreme|leader|senator|sen|the)\s+)+',
        ''
    ))
{%- endmacro %}

{#- Transliteration key of a normalized name: folds the spelling variants that Persian, Arabic and
    Russian names get in Latin script (Araghchi/Araqchi/Arakchi, Sergey/Sergei, Dmitry/Dmitri,
    Pezeshkian/Pezeshkiyan, Masoud/Masud) onto one key. Deliberately conservative: it never
    folds vowels into each other, so Hassan and Hossein stay different people. -#}
{% macro translit_key(expr) -%}
    {%- set folded -%}
        replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
            {{ expr }},
            'kh', 'h'), 'gh', 'k'), 'q', 'k'), 'ck', 'k'), 'ph', 'f'), 'w', 'v'),
            'ou', 'u'), 'oo', 'u'), 'ee', 'i'), 'ey', 'ei'), 'y', 'i')
    {%- endset -%}
    {%- set ns = namespace(sql=folded) -%}
    {%- for letter in 'abcdefghijklmnopqrstuvwxyz' -%}
        {%- set ns.sql = "replace(" ~ ns.sql ~ ", '" ~ letter ~ letter ~ "', '" ~ letter ~ "')" -%}
    {%- endfor -%}
    {{ ns.sql }}
{%- endmacro %}

{#- Content tokens of an agreement name: generic words (treaty, pact, the, ...) and numbers dropped
    (place words are removed by the caller, from the seeds); 'partnership' folded onto 'cooperation', which treaty titles use interchangeably. -#}
{% macro agreement_name_tokens(expr) -%}
    list_sort(list_distinct(list_filter(
        list_transform(
            string_split_regex(lower(strip_accents(coalesce({{ expr }}, ''))), '[^a-z]+'),
            token -> case when token in ('partnership', 'partner', 'collaboration') then 'cooperation' else token end
        ),
        token -> length(token) > 1
            and token not in (
                'treaty', 'agreement', 'agreements', 'pact', 'accord', 'accords', 'deal', 'memorandum', 'mou',
                'understanding', 'contract', 'statement', 'declaration', 'charter', 'protocol',
                'the', 'on', 'of', 'and', 'between', 'for', 'in', 'an', 'with', 'to', 'new', 'landmark',
                'year', 'years', 'long', 'term', 'bilateral', 'interstate', 'inter', 'state'
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
