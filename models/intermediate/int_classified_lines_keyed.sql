-- Lines with comparison keys for their own name and the names of the levels above them,
-- wording variants resolved through the classification_name_aliases seed.
with lines as (
    select * from {{ ref('stg_raw__classified_lines') }}
),

aliases as (
    select
        classification,
        canonical_name,
        {{ classification_name_key('alias') }} as alias_key
    from {{ ref('classification_name_aliases') }}
),

raw_keys as (
    select
        *,
        {{ classification_name_key('name_as_written') }} as raw_name_key,
        {{ classification_name_key('class_name') }} as raw_class_key,
        {{ classification_name_key('kuan_name') }} as raw_kuan_key
    from lines
),

resolved as (
    select
        raw_keys.*,
        coalesce(name_alias.canonical_name, raw_keys.raw_name_key) as name_key,
        coalesce(class_alias.canonical_name, raw_keys.raw_class_key) as class_key,
        coalesce(kuan_alias.canonical_name, raw_keys.raw_kuan_key) as kuan_key
    from raw_keys
    left join aliases as name_alias
        on
            raw_keys.classification = name_alias.classification
            and raw_keys.raw_name_key = name_alias.alias_key
    left join aliases as class_alias
        on
            raw_keys.classification = class_alias.classification
            and raw_keys.raw_class_key = class_alias.alias_key
    left join aliases as kuan_alias
        on
            raw_keys.classification = kuan_alias.classification
            and raw_keys.raw_kuan_key = kuan_alias.alias_key
)

select * from resolved
