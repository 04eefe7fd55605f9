{#- A rounding unit as written is positive: zero would make every identity check exact. -#}
{% test positive_precision(model, column_name) %}
    select *
    from {{ model }}
    where {{ column_name }} is not null and {{ column_name }} <= 0
{% endtest %}
