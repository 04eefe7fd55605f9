-- Landed documents with the identity every fact table carries (department_id has its one home here).
with documents as (
    select * from {{ ref('stg_raw__documents') }}
    where status = 'landed'
),

identified as (
    select
        document_id,
        source_file,
        {{ department_id('department_name') }} as department_id,
        department_name,
        region,
        fiscal_year,
        doc_type,
        issue_count
    from documents
)

select * from identified
