{#- A DECIMAL as written, without the trailing zeros of its storage scale: 123.4500000000 → 123.45.
    Portable (DuckDB and PostgreSQL cast DECIMAL to text with all of its scale's digits). -#}
{% macro decimal_text(column) -%}
    case
        when {{ column }} = 0 then '0'
        else rtrim(rtrim(cast({{ column }} as varchar), '0'), '.')
    end
{%- endmacro %}
