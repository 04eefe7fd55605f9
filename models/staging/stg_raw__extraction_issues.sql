with source as (
    select * from {{ source('raw', 'extraction_issues') }}
),

renamed as (
    select
        document_id,
        issue_id,
        kind as issue_kind,
        message,
        text as evidence,
        section,
        span_start,
        span_end
    from source
)

select * from renamed
