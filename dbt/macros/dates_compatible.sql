{#- Two reported dates can describe the same event: either is unknown, both are day-precise and
    at most `window_days` apart, or they agree at the coarser of the two precisions (month, year). -#}
{% macro dates_compatible(left_date, left_precision, right_date, right_precision, window_days) -%}
    (
        {{ left_date }} is null or {{ right_date }} is null
        or coalesce({{ left_precision }}, 'unknown') = 'unknown' or coalesce({{ right_precision }}, 'unknown') = 'unknown'
        or ({{ left_precision }} = 'day' and {{ right_precision }} = 'day'
            and abs(date_diff('day', {{ left_date }}, {{ right_date }})) <= {{ window_days }})
        or ('year' in ({{ left_precision }}, {{ right_precision }})
            and year({{ left_date }}) = year({{ right_date }}))
        or ('month' in ({{ left_precision }}, {{ right_precision }}) and 'year' not in ({{ left_precision }}, {{ right_precision }})
            and date_trunc('month', {{ left_date }}) = date_trunc('month', {{ right_date }}))
    )
{%- endmacro %}
