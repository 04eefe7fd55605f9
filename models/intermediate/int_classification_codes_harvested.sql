-- Code–name pairs printed in the standard tables: they extend the (partial) reference tables.
with lines as (
    select * from {{ ref('stg_raw__classified_lines') }}
    where code_as_written is not null and classification in ('functional', 'economic')
),

harvested as (
    select
        classification,
        code_as_written as code,
        min(name_as_written) as code_name,
        length(code_as_written) / 2 as code_level,
        case
            when length(code_as_written) > 3
                then substr(code_as_written, 1, length(code_as_written) - 2)
        end as parent_code,
        count(distinct document_id) as documents_printing
    from lines
    group by classification, code_as_written
)

select * from harvested
