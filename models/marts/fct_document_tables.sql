-- The standard tables (附表) each landed document contains, as recognised by title.
with tables as (
    select * from {{ ref('stg_raw__document_tables') }}
),

documents as (
    select * from {{ ref('int_documents_landed') }}
),

final as (
    select
        tables.document_id,
        tables.table_id,
        {{ document_columns('documents') }},
        tables.table_kind,
        tables.table_title,
        tables.unit,
        tables.basis,
        tables.row_count,
        tables.span_start,
        tables.span_end
    from tables
    inner join documents on tables.document_id = documents.document_id
)

select * from final
