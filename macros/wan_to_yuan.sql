{#- Unit conversion between 万元 (the warehouse's unit) and 元, exact in DECIMAL. -#}
{% macro wan_to_yuan(column) -%}
    cast({{ column }} * 10000 as decimal(38, 6))
{%- endmacro %}
