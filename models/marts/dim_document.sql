-- Every input file the warehouse has seen, landed or quarantined with its reason.
with documents as (
    select * from {{ ref('stg_raw__documents') }}
),

versions as (
    select * from {{ ref('int_documents_landed') }}
),

final as (
    select
        documents.document_id,
        documents.source_file,
        documents.source_path,
        documents.format,
        documents.byte_size,
        documents.encoding,
        documents.doc_type,
        documents.title,
        {{ department_id('documents.department_name') }} as department_id,
        documents.department_name,
        documents.region,
        documents.fiscal_year,
        documents.status,
        documents.quarantine_reason,
        documents.extractor_version,
        documents.fact_count,
        documents.line_count,
        documents.issue_count,
        documents.ingested_at,
        versions.disclosure_part,
        versions.version_number,
        versions.version_count,
        coalesce(versions.is_latest_version, false) as is_latest_version
    from documents
    left join versions on documents.document_id = versions.document_id
)

select * from final
