-- Budget execution at department grain (project_name null) and project grain: initial and
-- adjusted budget, budget issued, executed and the stated execution rate. When a figure is stated
-- more than once, the first statement is shown; disagreements are findings in the quality schema.
with facts as (
    select * from {{ ref('fct_document_facts') }}
    where
        metric in ('budget_initial', 'budget_adjusted', 'budget_issued', 'executed', 'execution_rate_pct')
        and subject_metric is null
        and unit_name is null
        and period = 'current'
),

ranked as (
    select
        *,
        row_number() over (
            partition by document_id, scope, coalesce(project_name, ''), metric
            order by fact_id
        ) as statement_order
    from facts
),

first_statements as (
    select * from ranked
    where statement_order = 1
),

pivoted as (
    select
        document_id,
        source_file,
        department_id,
        department_name,
        fiscal_year,
        doc_type,
        scope,
        project_name,
        max(case when metric = 'budget_initial' then amount_wan end) as budget_initial_wan,
        max(case when metric = 'budget_adjusted' then amount_wan end) as budget_adjusted_wan,
        max(case when metric = 'budget_issued' then amount_wan end) as budget_issued_wan,
        max(case when metric = 'executed' then amount_wan end) as executed_wan,
        max(case when metric = 'execution_rate_pct' then value end) as execution_rate_pct
    from first_statements
    group by document_id, source_file, department_id, department_name, fiscal_year, doc_type, scope, project_name
)

select
    *,
    case when project_name is null then 'department' else 'project' end as grain
from pivoted
