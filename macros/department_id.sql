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

{#- A document that names no department has no department key: unknown is never equal to unknown,
    so such documents are never matched with each other across years or document types. -#}
{% macro department_id(name_column) -%}
    case
        when {{ department_key(name_column) }} != '' then md5({{ department_key(name_column) }})
    end
{%- endmacro %}
