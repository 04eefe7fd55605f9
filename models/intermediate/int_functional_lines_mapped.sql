-- Functional lines mapped to 功能分类 codes: 类 by name, 款 by name under its 类, 项 by name under
-- its 款 (or by a name that is unique at its level when the parent is not known).
-- A code printed in the document wins; a line no reference name matches keeps a null code.
with lines as (
    select * from {{ ref('int_classified_lines_keyed') }}
    where classification = 'functional'
),

reference as (
    select * from {{ ref('int_classification_reference_keyed') }}
    where classification = 'functional'
),

with_parents as (
    select
        lines.*,
        class_ref.code as class_code,
        kuan_ref.code as kuan_code
    from lines
    left join reference as class_ref
        on class_ref.level = 1 and lines.class_key = class_ref.name_key
    left join reference as kuan_ref
        on
            kuan_ref.level = 2
            and lines.kuan_key = kuan_ref.name_key
            and (class_ref.code = kuan_ref.parent_code or class_ref.code is null)
),

mapped as (
    select
        with_parents.*,
        coalesce(with_parents.code_as_written, own_ref.code) as functional_code,
        own_ref.reference_name
    from with_parents
    left join reference as own_ref
        on
            with_parents.level = own_ref.level
            and with_parents.name_key = own_ref.name_key
            and (
                (with_parents.level = 1)
                or (with_parents.level = 2 and with_parents.class_code = own_ref.parent_code)
                or (with_parents.level = 3 and with_parents.kuan_code = own_ref.parent_code)
                or (
                    own_ref.is_unique_key
                    and (
                        (with_parents.level = 2 and with_parents.class_code is null)
                        or (with_parents.level = 3 and with_parents.kuan_code is null)
                    )
                )
            )
)

select * from mapped
