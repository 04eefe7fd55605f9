-- Departments as named in their documents, with the years and document types seen.
with documents as (
    select * from {{ ref('stg_raw__documents') }}
    where status = 'landed' and department_name is not null
),

final as (
    select
        {{ department_id('department_name') }} as department_id,
        department_name,
        max(region) as region,
        min(fiscal_year) as first_fiscal_year,
        max(fiscal_year) as last_fiscal_year,
        count(*) as document_count,
        string_agg(distinct doc_type, ', ') as doc_types
    from documents
    group by department_name
)

select * from final
