-- Projects named with an amount (funding document number when written), one row per statement.
with projects as (
    select * from {{ ref('stg_raw__projects') }}
),

documents as (
    select * from {{ ref('int_documents_landed') }}
),

final as (
    select
        projects.document_id,
        projects.project_id,
        {{ document_columns('documents') }},
        projects.project_name,
        projects.basis,
        projects.amount_wan,
        projects.precision_wan,
        projects.funding_document,
        projects.value_text,
        projects.evidence,
        projects.span_start,
        projects.span_end
    from projects
    inner join documents on projects.document_id = documents.document_id
)

select * from final
