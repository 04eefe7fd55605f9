with source as (
    select * from {{ source('raw', 'documents') }}
),

renamed as (
    select
        document_id,
        source_path,
        file_name as source_file,
        format,
        byte_size,
        encoding,
        doc_type,
        title,
        department as department_name,
        region,
        fiscal_year,
        status,
        reason as quarantine_reason,
        extractor_version,
        fact_count,
        line_count,
        issue_count,
        ingested_at
    from source
)

select * from renamed
