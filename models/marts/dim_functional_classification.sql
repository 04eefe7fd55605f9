-- 支出功能分类 codes known to the warehouse: the reference seed (partial national table; see
-- seeds/SOURCES.md) and the codes documents print in their tables that the seed lacks.
with codes as (
    select * from {{ ref('int_classification_codes_known') }}
    where classification = 'functional'
),

final as (
    select
        child.code as functional_code,
        child.name as functional_name,
        child.name_en,
        child.level,
        case child.level when 1 then '类' when 2 then '款' when 3 then '项' end as level_name,
        child.parent_code,
        parent.name as parent_name,
        child.known_from
    from codes as child
    left join codes as parent on child.parent_code = parent.code
)

select * from final
