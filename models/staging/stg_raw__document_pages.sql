with source as (
    select * from {{ source('raw', 'document_pages') }}
),

renamed as (
    select
        document_id,
        page,
        engine,
        chars,
        ocr_confidence,
        note
    from source
)

select * from renamed
