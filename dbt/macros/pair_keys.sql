{#- Blocking keys for "share two, or the same single one" rules: one row per pair of elements of
    `list_column` (left < right, joined by a space), or the sole element of a one-element list.
    Two rows share a key exactly when their lists share two elements or are the same single one.
    Returns `columns` (plain column names of `relation`) plus pair_key. -#}
{% macro pair_keys(relation, list_column, columns) -%}
    (
        select {{ columns | join(', ') }}, {{ list_column }}[1] as pair_key
        from {{ relation }}
        where len({{ list_column }}) = 1
        union all
        select {{ columns | join(', ') }}, left_item || ' ' || right_item as pair_key
        from (
            select {{ columns | join(', ') }}, {{ list_column }} as pair_items, unnest({{ list_column }}) as left_item
            from {{ relation }}
            where len({{ list_column }}) >= 2
        )
        cross join unnest(pair_items) as right_side(right_item)
        where left_item < right_item
    )
{%- endmacro %}
