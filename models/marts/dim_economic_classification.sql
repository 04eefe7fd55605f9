-- 部门预算支出经济分类 codes known to the warehouse: the reference seed (partial; see
-- seeds/SOURCES.md) and the codes documents print in their basic-expenditure tables.
with reference as (
    select * from {{ ref('economic_classification_departmental') }}
),

harvested as (
    select * from {{ ref('int_classification_codes_harvested') }}
    where classification = 'economic'
),

codes as (
    select
        code,
        name,
        name_en,
        level,
        parent_code,
        'reference' as known_from
    from reference
    union all
    select
        harvested.code,
        harvested.code_name,
        null as name_en,
        harvested.code_level,
        harvested.parent_code,
        'harvested' as known_from
    from harvested
    where harvested.code not in (select reference.code from reference)
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
