-- Every classification code the warehouse knows: the reference seeds, then the codes documents
-- print in their tables that the seeds lack.
with functional as (
    select * from {{ ref('functional_classification') }}
),

economic as (
    select * from {{ ref('economic_classification_departmental') }}
),

harvested as (
    select * from {{ ref('int_classification_codes_harvested') }}
),

reference as (
    select
        'functional' as classification,
        code,
        name,
        name_en,
        level,
        parent_code
    from functional
    union all
    select
        'economic' as classification,
        code,
        name,
        name_en,
        level,
        parent_code
    from economic
),

known as (
    select
        classification,
        code,
        name,
        name_en,
        level,
        parent_code,
        'reference' as known_from
    from reference
    union all
    select
        harvested.classification,
        harvested.code,
        harvested.code_name,
        null as name_en,
        harvested.code_level,
        harvested.parent_code,
        'harvested' as known_from
    from harvested
    left join reference
        on harvested.classification = reference.classification and harvested.code = reference.code
    where reference.code is null
)

select * from known
