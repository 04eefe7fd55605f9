-- Per document, the latest validation run: rules checked and how they ended, extraction issues
-- and unmapped classification lines. Rebuilt by the validate flow after it writes its results.
with results as (
    select * from {{ source('quality', 'identity_results') }}
),

runs as (
    select * from {{ source('quality', 'validation_runs') }}
),

documents as (
    select * from {{ ref('dim_document') }}
    where status = 'landed'
),

functional as (
    select * from {{ ref('fct_expenditure_by_function') }}
),

latest_run as (
    select
        results.document_id,
        max(runs.started_at) as started_at
    from results
    inner join runs on results.run_id = runs.run_id
    group by results.document_id
),

latest_results as (
    select results.*
    from results
    inner join runs on results.run_id = runs.run_id
    inner join latest_run
        on
            results.document_id = latest_run.document_id
            and runs.started_at = latest_run.started_at
),

by_document as (
    select
        document_id,
        max(run_id) as run_id,
        count(*) as rules_checked,
        count(*) filter (where status = 'pass') as rules_passed,
        count(*) filter (where status = 'rounding') as rules_rounding,
        count(*) filter (where status = 'warning') as rules_warning,
        count(*) filter (where status = 'error') as rules_failed,
        count(*) filter (where status = 'insufficient_data') as rules_insufficient,
        count(*) filter (where status = 'not_applicable') as rules_not_applicable
    from latest_results
    group by document_id
),

unmapped as (
    select
        document_id,
        count(*) filter (where not is_mapped) as unmapped_functional_lines
    from functional
    group by document_id
),

final as (
    select
        documents.document_id,
        documents.source_file,
        documents.department_id,
        documents.department_name,
        documents.fiscal_year,
        documents.doc_type,
        by_document.run_id,
        coalesce(by_document.rules_checked, 0) as rules_checked,
        coalesce(by_document.rules_passed, 0) as rules_passed,
        coalesce(by_document.rules_rounding, 0) as rules_rounding,
        coalesce(by_document.rules_warning, 0) as rules_warning,
        coalesce(by_document.rules_failed, 0) as rules_failed,
        coalesce(by_document.rules_insufficient, 0) as rules_insufficient,
        coalesce(by_document.rules_not_applicable, 0) as rules_not_applicable,
        documents.issue_count as extraction_issues,
        coalesce(unmapped.unmapped_functional_lines, 0) as unmapped_functional_lines
    from documents
    left join by_document on documents.document_id = by_document.document_id
    left join unmapped on documents.document_id = unmapped.document_id
)

select * from final
