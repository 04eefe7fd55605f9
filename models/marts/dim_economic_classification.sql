-- 部门预算支出经济分类 codes known to the warehouse: the reference seed (partial; see
-- seeds/SOURCES.md) and the codes documents print in their basic-expenditure tables.
with codes as (
    select * from {{ ref('int_classification_codes_known') }}
    where classification = 'economic'
),

final as (
    select
        child.code as economic_code,
        child.name as economic_name,
        child.name_en,
        child.level,
        child.parent_code,
        parent.name as parent_name,
        child.known_from
    from codes as child
    left join codes as parent on child.parent_code = parent.code
)

select * from final
