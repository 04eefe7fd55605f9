{#-
    A comparison key for classification names as they are written: drops spaces, the level marks
    (类)(款)(项), full-width brackets and a trailing 支出, so 住房公积金支出 and 住房公积金 meet.
    Wording variants that differ in more than that go through the classification_name_aliases seed.
-#}
{% macro classification_name_key(column) -%}
    regexp_replace(
        regexp_replace(
            replace(replace(replace({{ column }}, ' ', ''), '（', '('), '）', ')'),
            '\((类|款|项)\)', '', 'g'
        ),
        '支出$', ''
    )
{%- endmacro %}
