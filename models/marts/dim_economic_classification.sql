-- 部门预算支出经济分类 codes known to the warehouse (partial national table; see seeds/SOURCES.md).
with reference as (
    select * from {{ ref('economic_classification_departmental') }}
),

final as (
    select
        child.code as economic_code,
        child.name as economic_name,
        child.name_en,
        child.level,
        child.parent_code,
        parent.name as parent_name
    from reference as child
    left join reference as parent on child.parent_code = parent.code
)

select * from final
