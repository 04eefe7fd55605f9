-- Departments, one row per department: documents naming it differently (with or without a
-- bracketed second name, 中共 prefix …) share its key, and every name they use is kept.
with documents as (
    select * from {{ ref('stg_raw__documents') }}
    where status = 'landed' and department_name is not null
),

keyed as (
    select
        {{ department_id('department_name') }} as department_id,
        department_name,
        region,
        fiscal_year,
        doc_type
    from documents
),

final as (
    select
        department_id,
        min(department_name) as department_name,
        string_agg(distinct department_name, ' | ') as name_variants,
        count(distinct department_name) as name_variant_count,
        max(region) as region,
        min(fiscal_year) as first_fiscal_year,
        max(fiscal_year) as last_fiscal_year,
        count(*) as document_count,
        string_agg(distinct doc_type, ', ') as doc_types
    from keyed
    group by department_id
)

select * from final
