-- Landed documents with the identity every fact table carries (department_id has its one home here),
-- and their version: a document that republishes the same department's same year and type (a
-- corrected or reissued disclosure) is a new version of it; the latest landed is the current one.
-- A document whose department, year or type is unknown is a version group of its own.
-- Departments often publish a disclosure as two files, the explanation (说明, with or without
-- tables) and an attachment of its tables alone (部门预算公开表): those are parts of one disclosure,
-- not versions of each other, so the part is in the version group. A document is a `tables`
-- attachment when every figure it states was read from a standard table.
with documents as (
    select * from {{ ref('stg_raw__documents') }}
    where status = 'landed'
),

facts as (
    select * from {{ ref('stg_raw__facts') }}
),

figure_sources as (
    select
        document_id,
        sum(case when pattern like 'table:%' then 1 else 0 end) as table_figures,
        sum(case when pattern like 'table:%' then 0 else 1 end) as text_figures
    from facts
    group by document_id
),

identified as (
    select
        documents.document_id,
        documents.source_file,
        {{ department_id('documents.department_name') }} as department_id,
        documents.department_name,
        documents.region,
        documents.fiscal_year,
        documents.doc_type,
        documents.issue_count,
        documents.ingested_at,
        case
            when figure_sources.table_figures > 0 and figure_sources.text_figures = 0 then 'tables'
            else 'document'
        end as disclosure_part
    from documents
    left join figure_sources on documents.document_id = figure_sources.document_id
),

grouped as (
    select
        *,
        case
            when department_id is not null and fiscal_year is not null and doc_type is not null
                then concat_ws('|', department_id, coalesce(region, ''), fiscal_year, doc_type, disclosure_part)
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
    disclosure_part,
    version_group,
    version_number,
    version_count,
    version_number = version_count as is_latest_version
from versioned
