-- 支出功能分类 codes known to the warehouse (partial national table; see seeds/SOURCES.md).
with reference as (
    select * from {{ ref('functional_classification') }}
),

final as (
    select
        child.code as functional_code,
        child.name as functional_name,
        child.name_en,
        child.level,
        case child.level when 1 then '类' when 2 then '款' when 3 then '项' end as level_name,
        child.parent_code,
        parent.name as parent_name
    from reference as child
    left join reference as parent on child.parent_code = parent.code
)

select * from final
