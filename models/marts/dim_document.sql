-- Every input file the warehouse has seen, landed or quarantined with its reason.
with documents as (
    select * from {{ ref('stg_raw__documents') }}
),

final as (
    select
        document_id,
        source_file,
        source_path,
        format,
        byte_size,
        encoding,
        doc_type,
        title,
        {{ department_id('department_name') }} as department_id,
        department_name,
        region,
        fiscal_year,
        status,
        quarantine_reason,
        extractor_version,
        fact_count,
        line_count,
        issue_count,
        ingested_at
    from documents
)

select * from final
