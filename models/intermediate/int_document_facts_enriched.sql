-- Facts of landed documents with the document's identity attached.
with facts as (
    select * from {{ ref('stg_raw__facts') }}
),

documents as (
    select * from {{ ref('int_documents_landed') }}
),

enriched as (
    select
        facts.*,
        documents.source_file,
        documents.department_id,
        documents.department_name,
        documents.region,
        documents.fiscal_year,
        documents.doc_type
    from facts
    inner join documents on facts.document_id = documents.document_id
)

select * from enriched
