-- Expenditure by functional classification (支出功能分类 类/款/项), names as written and codes
-- from the reference where a name maps to one.
with lines as (
    select * from {{ ref('int_functional_lines_mapped') }}
),

documents as (
    select * from {{ ref('int_documents_landed') }}
),

final as (
    select
        lines.document_id,
        lines.line_id,
        {{ document_columns('documents') }},
        lines.functional_code,
        lines.name_as_written as functional_name,
        lines.reference_name,
        lines.level,
        case lines.level when 1 then '类' when 2 then '款' when 3 then '项' end as level_name,
        lines.class_name,
        lines.kuan_name,
        lines.class_code,
        lines.kuan_code,
        lines.functional_code is not null as is_mapped,
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
