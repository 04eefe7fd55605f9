-- How each page of a landed PDF was read: the engine, what it gave and, for a scan, the OCR
-- confidence; a page an engine failed on or could not read says why.
with pages as (
    select * from {{ ref('stg_raw__document_pages') }}
),

documents as (
    select * from {{ ref('int_documents_landed') }}
),

final as (
    select
        pages.document_id,
        pages.page,
        {{ document_columns('documents') }},
        pages.engine,
        pages.chars,
        pages.ocr_confidence,
        pages.note
    from pages
    inner join documents on pages.document_id = documents.document_id
)

select * from final
