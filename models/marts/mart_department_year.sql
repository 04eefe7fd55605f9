-- One row per department and fiscal year: headline figures as stated (current year, department
-- or appropriation scope as the metric implies), and how much of each document was placed.
-- Documents that name no department are not a department-year: they are in dim_document only.
-- A disclosure republished (a corrected version) counts once: its latest version.
with stated_facts as (
    select * from {{ ref('fct_document_facts') }}
    where
        period = 'current' and project_name is null and subject_metric is null and unit_name is null
        and department_id is not null
),

landed as (
    select * from {{ ref('int_documents_landed') }}
    where department_id is not null
),

functional_lines as (
    select * from {{ ref('fct_expenditure_by_function') }}
),

document_checks as (
    select * from {{ ref('mart_data_quality') }}
),

documents as (
    select * from landed
    where is_latest_version
),

facts as (
    select stated_facts.*
    from stated_facts
    inner join documents on stated_facts.document_id = documents.document_id
),

functional as (
    select functional_lines.*
    from functional_lines
    inner join documents on functional_lines.document_id = documents.document_id
),

checks as (
    select document_checks.*
    from document_checks
    inner join documents on document_checks.document_id = documents.document_id
),

superseded as (
    select
        department_id,
        fiscal_year,
        count(*) as superseded_document_count
    from landed
    where not is_latest_version
    group by department_id, fiscal_year
),

quality as (
    select
        department_id,
        fiscal_year,
        sum(rules_checked) as rules_checked,
        sum(rules_passed) as rules_passed,
        sum(rules_failed) as rules_failed,
        sum(rules_warning) as rules_warning,
        sum(rules_insufficient) as rules_insufficient
    from checks
    group by department_id, fiscal_year
),

headline as (
    select
        department_id,
        department_name,
        fiscal_year,
        max(case when metric = 'income_total' and scope = 'department' then amount_wan end)
            as income_total_wan,
        max(case when metric = 'expenditure_total' and scope = 'department' then amount_wan end)
            as expenditure_total_wan,
        max(case when metric = 'gpb_expenditure' and basis = 'actual' then amount_wan end)
            as gpb_expenditure_wan,
        max(case when metric = 'basic_expenditure' and basis = 'actual' then amount_wan end)
            as basic_expenditure_wan,
        max(case when metric = 'project_expenditure' and basis = 'actual' then amount_wan end)
            as project_expenditure_wan,
        max(case when metric = 'three_public_total' and basis = 'actual' then amount_wan end)
            as three_public_total_wan,
        max(case when metric = 'budget_adjusted' and scope = 'department' then amount_wan end)
            as budget_adjusted_wan,
        max(case when metric = 'executed' and scope = 'department' then amount_wan end)
            as executed_wan,
        max(case when metric = 'self_eval_score' then value end) as self_eval_score,
        max(case when metric = 'grade' then value_text end) as grade,
        count(*) as fact_count
    from facts
    group by department_id, department_name, fiscal_year
),

document_counts as (
    select
        department_id,
        fiscal_year,
        count(*) as document_count,
        string_agg(distinct doc_type, ', ') as doc_types,
        sum(issue_count) as extraction_issue_count
    from documents
    group by department_id, fiscal_year
),

unmapped as (
    select
        department_id,
        fiscal_year,
        count(*) filter (where not is_mapped) as unmapped_functional_lines
    from functional
    group by department_id, fiscal_year
),

final as (
    select
        headline.*,
        document_counts.document_count,
        document_counts.doc_types,
        document_counts.extraction_issue_count,
        coalesce(superseded.superseded_document_count, 0) as superseded_document_count,
        coalesce(unmapped.unmapped_functional_lines, 0) as unmapped_functional_lines,
        coalesce(quality.rules_checked, 0) as rules_checked,
        coalesce(quality.rules_passed, 0) as rules_passed,
        coalesce(quality.rules_failed, 0) as rules_failed,
        coalesce(quality.rules_warning, 0) as rules_warning,
        coalesce(quality.rules_insufficient, 0) as rules_insufficient
    from headline
    left join document_counts
        on
            headline.department_id = document_counts.department_id
            and headline.fiscal_year = document_counts.fiscal_year
    left join unmapped
        on
            headline.department_id = unmapped.department_id
            and headline.fiscal_year = unmapped.fiscal_year
    left join quality
        on
            headline.department_id = quality.department_id
            and headline.fiscal_year = quality.fiscal_year
    left join superseded
        on
            headline.department_id = superseded.department_id
            and headline.fiscal_year = superseded.fiscal_year
)

select * from final
