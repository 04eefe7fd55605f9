-- A budget figure split by where the money comes from (上级资金, 本级资金, 其他资金 …).
with lines as (
    select * from {{ ref('stg_raw__classified_lines') }}
    where classification = 'funding_source'
),

documents as (
    select * from {{ ref('int_documents_landed') }}
),

final as (
    select
        lines.document_id,
        lines.line_id,
        {{ document_columns('documents') }},
        lines.name_as_written as funding_source,
        lines.parent_metric as budget_metric,
        lines.scope,
        lines.basis,
        lines.amount_wan,
        lines.precision_wan,
        lines.value_text,
        lines.evidence,
        lines.span_start,
        lines.span_end
    from lines
    inner join documents on lines.document_id = documents.document_id
)

select * from final
