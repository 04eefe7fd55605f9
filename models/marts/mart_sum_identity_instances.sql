-- Instances of the declared sum identities (seeds identity_sum_rules / identity_sum_terms): per
-- document, rule and (scope, period, basis, project), the total and each part as first stated, and
-- the rounding envelope (half a unit of each figure as written). Great Expectations decides, per
-- row, whether the envelope holds (tolerance > abs_residual); a row that is not checkable says what
-- is missing and is insufficient_data.
with facts as (
    select * from {{ ref('fct_document_facts') }}
),

rules as (
    select * from {{ ref('identity_sum_rules') }}
),

terms as (
    select * from {{ ref('identity_sum_terms') }}
),

groups as (
    -- the (scope, period, basis, project) combinations the document states figures in
    select distinct
        document_id,
        scope,
        period,
        basis,
        project_name,
        unit_name,
        coalesce(project_name, '') as project_key,
        coalesce(unit_name, '') as unit_key
    from facts
    where value is not null
),

stated as (
    -- figures of the document itself (not of a change or a rate), in 万元 for money
    select
        document_id,
        fact_id,
        metric,
        scope,
        period,
        basis,
        unplaced_parts,
        evidence,
        span_start,
        span_end,
        coalesce(project_name, '') as project_key,
        coalesce(unit_name, '') as unit_key,
        coalesce(amount_wan, value) as figure,
        -- × 0.5, not / 2: a DECIMAL divided by an integer is a DOUBLE
        cast(coalesce(precision_wan, precision) * 0.5 as decimal(38, 12)) as half_unit,
        row_number() over (
            partition by document_id, metric, scope, period, basis, coalesce(project_name, ''), coalesce(unit_name, '')
            order by fact_id
        ) as statement_rank,
        max(unplaced_parts) over (
            partition by document_id, metric, scope, period, basis, coalesce(project_name, ''), coalesce(unit_name, '')
        ) as unplaced_in_any_statement
    from facts
    where value is not null and subject_metric is null and base is null
),

first_statements as (
    select * from stated
    where statement_rank = 1
),

placed as (
    select
        groups.document_id,
        groups.scope,
        groups.period,
        groups.basis,
        groups.project_name,
        groups.unit_name,
        terms.rule_id,
        terms.position,
        terms.side,
        terms.metric,
        first_statements.figure,
        first_statements.half_unit,
        first_statements.evidence,
        first_statements.span_start,
        first_statements.span_end,
        first_statements.unplaced_in_any_statement,
        terms.metric || '=' || {{ decimal_text('first_statements.figure') }} as term_text
    from groups
    cross join terms
    left join first_statements
        on
            groups.document_id = first_statements.document_id
            and groups.scope = first_statements.scope
            and groups.period = first_statements.period
            and groups.basis = first_statements.basis
            and groups.project_key = first_statements.project_key
            and groups.unit_key = first_statements.unit_key
            and terms.metric = first_statements.metric
),

instances as (
    select
        document_id,
        rule_id,
        scope,
        period,
        basis,
        project_name,
        unit_name,
        max(case when side = 'total' then figure end) as lhs_value,
        max(case when side = 'total' then half_unit end) as lhs_half_unit,
        sum(case when side = 'part' then figure end) as rhs_value,
        sum(case when side = 'part' then half_unit end) as rhs_half_width,
        count(case when side = 'part' and figure is not null then 1 end) as parts_stated,
        count(case when side = 'part' then 1 end) as parts_declared,
        coalesce(max(case when side = 'total' then unplaced_in_any_statement end), 0) as unplaced_parts,
        max(case when side = 'total' then term_text end) as lhs_description,
        string_agg(case when side = 'part' then term_text end, ' + ' order by position) as rhs_description,
        max(case when side = 'total' then evidence end) as lhs_evidence,
        string_agg(distinct case when side = 'part' then evidence end, ' | ') as rhs_evidence,
        string_agg(case when figure is null then metric end, ', ' order by position) as missing_metrics,
        max(case when side = 'total' then span_start end) as span_start,
        max(case when side = 'total' then span_end end) as span_end
    from placed
    group by document_id, rule_id, scope, period, basis, project_name, unit_name
),

checked as (
    select
        *,
        -- checkable: the total and every part stated, and no listed part left unplaced
        lhs_value is not null and parts_stated = parts_declared and unplaced_parts = 0 as is_checkable
    from instances
    -- reported where the document states the total, or at least two of its parts
    where lhs_value is not null or parts_stated >= 2
),

final as (
    select
        checked.document_id,
        checked.rule_id,
        rules.severity,
        coalesce('unit=' || checked.unit_name || ' ', '')
        || 'scope=' || checked.scope || ' period=' || checked.period || ' basis=' || checked.basis
        || coalesce(' project=' || checked.project_name, '') as rule_instance,
        checked.lhs_value,
        checked.rhs_value,
        checked.lhs_half_unit,
        checked.rhs_half_width,
        checked.lhs_description,
        checked.rhs_description,
        checked.lhs_evidence,
        checked.rhs_evidence,
        checked.span_start,
        checked.span_end,
        checked.is_checkable,
        case
            when checked.unplaced_parts > 0
                then checked.unplaced_parts || ' listed part(s) not placed'
            else checked.missing_metrics
        end as missing,
        case when checked.is_checkable then checked.lhs_half_unit + checked.rhs_half_width end as tolerance,
        case when checked.is_checkable then abs(checked.lhs_value - checked.rhs_value) end as abs_residual
    from checked
    inner join rules on checked.rule_id = rules.rule_id
)

select * from final
