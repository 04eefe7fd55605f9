with source as (
    select * from {{ source('raw', 'projects') }}
),

renamed as (
    select
        document_id,
        project_id,
        project_name,
        amount_wan,
        precision_wan,
        basis,
        funding_document,
        value_text,
        sentence as evidence,
        section,
        span_start,
        span_end
    from source
)

select * from renamed
