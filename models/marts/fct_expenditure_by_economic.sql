-- Expenditure by economic classification (部门预算支出经济分类 301…399).
with lines as (
    select * from {{ ref('int_economic_lines_mapped') }}
),

documents as (
    select * from {{ ref('int_documents_landed') }}
),

final as (
    select
        lines.document_id,
        lines.line_id,
        {{ document_columns('documents') }},
        lines.economic_code,
        lines.name_as_written as economic_name,
        lines.reference_name,
        lines.level,
        lines.class_name as economic_class_name,
        lines.economic_class_code,
        lines.parent_metric,
        lines.economic_code is not null as is_mapped,
        lines.scope,
        lines.period,
        lines.basis,
        lines.amount_wan,
        lines.precision_wan,
        lines.pct,
        lines.pct_precision,
        lines.share_of,
        lines.share_of_scope,
        lines.value_text,
        lines.stated_in,
        lines.evidence,
        lines.span_start,
        lines.span_end,
        {{ page_box_columns('lines') }}
    from lines
    inner join documents on lines.document_id = documents.document_id
)

select * from final
