{#- Where a PDF figure sits: its page, its box (points from the page's top-left) and, for a page read
    by OCR, the recogniser's confidence. One list for every model that carries a figure's provenance. -#}
{% macro page_box_columns(relation=none) -%}
    {%- set prefix = relation ~ '.' if relation else '' -%}
    {{ prefix }}page,
    {{ prefix }}box_x0,
    {{ prefix }}box_top,
    {{ prefix }}box_x1,
    {{ prefix }}box_bottom,
    {{ prefix }}ocr_confidence
{%- endmacro %}
