-- Economic lines mapped to 部门预算支出经济分类 codes by name at their level.
with lines as (
    select * from {{ ref('int_classified_lines_keyed') }}
    where classification = 'economic'
),

reference as (
    select * from {{ ref('int_classification_reference_keyed') }}
    where classification = 'economic'
),

mapped as (
    select
        lines.*,
        coalesce(lines.code_as_written, own_ref.code) as economic_code,
        own_ref.reference_name,
        own_ref.parent_code as economic_class_code
    from lines
    left join reference as own_ref
        on
            lines.level = own_ref.level
            and lines.name_key = own_ref.name_key
            and own_ref.is_unique_key
)

select * from mapped
