{#-
    The key of a department, the same for the wording variants of its name: spaces, full- or
    half-width brackets and what they enclose (办公室(土地征收管理办公室)), and a leading 中共
    do not change which department it is. One definition for every model.
-#}
{% macro department_key(name_column) -%}
    regexp_replace(
        regexp_replace(
            regexp_replace(coalesce({{ name_column }}, ''), '\s', '', 'g'),
            '[(（][^)）]*[)）]', '', 'g'
        ),
        '^中共', ''
    )
{%- endmacro %}

{% macro department_id(name_column) -%}
    md5({{ department_key(name_column) }})
{%- endmacro %}
