-- Landed documents with the identity every fact table carries (department_id has its one home here),
-- and their version: a document that republishes the same department's same year and type (a
-- corrected or reissued disclosure) is a new version of it; the latest landed is the current one.
-- A document whose department, year or type is unknown is a version group of its own.
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
        issue_count,
        ingested_at
    from documents
),

grouped as (
    select
        *,
        case
            when department_id is not null and fiscal_year is not null and doc_type is not null
                then concat_ws('|', department_id, coalesce(region, ''), fiscal_year, doc_type)
            else document_id
        end as version_group
    from identified
),

versioned as (
    select
        *,
        row_number() over (
            partition by version_group order by ingested_at, document_id
        ) as version_number,
        count(*) over (partition by version_group) as version_count
    from grouped
)

select
    document_id,
    source_file,
    department_id,
    department_name,
    region,
    fiscal_year,
    doc_type,
    issue_count,
    version_group,
    version_number,
    version_count,
    version_number = version_count as is_latest_version
from versioned
