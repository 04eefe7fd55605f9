with source as (
    select * from {{ source('raw', 'document_tables') }}
),

renamed as (
    select
        document_id,
        table_id,
        kind as table_kind,
        title as table_title,
        unit,
        basis,
        row_count,
        span_start,
        span_end
    from source
)

select * from renamed
