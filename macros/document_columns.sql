{#- The document identity columns every fact table starts with, from int_documents_landed. -#}
{% macro document_columns(relation) -%}
    {{ relation }}.source_file,
    {{ relation }}.department_id,
    {{ relation }}.department_name,
    {{ relation }}.fiscal_year,
    {{ relation }}.doc_type
{%- endmacro %}
