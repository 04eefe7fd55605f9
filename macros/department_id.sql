{#- The key of a department: its name as written, hashed (one definition for every model). -#}
{% macro department_id(name_column) -%}
    md5(coalesce({{ name_column }}, ''))
{%- endmacro %}
