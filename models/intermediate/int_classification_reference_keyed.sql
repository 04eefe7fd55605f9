-- Functional and economic reference codes with the comparison key lines are matched on.
with reference as (
    select * from {{ ref('int_classification_codes_known') }}
    where known_from = 'reference'
),

keyed as (
    select
        classification,
        code,
        name as reference_name,
        level,
        parent_code,
        {{ classification_name_key('name') }} as name_key
    from reference
),

key_counts as (
    select
        classification,
        level,
        name_key,
        count(*) as codes_with_key
    from keyed
    group by classification, level, name_key
)

select
    keyed.*,
    key_counts.codes_with_key = 1 as is_unique_key
from keyed
inner join key_counts
    on
        keyed.classification = key_counts.classification
        and keyed.level = key_counts.level
        and keyed.name_key = key_counts.name_key
