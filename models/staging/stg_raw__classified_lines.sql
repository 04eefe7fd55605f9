with source as (
    select * from {{ source('raw', 'classified_lines') }}
),

renamed as (
    select
        document_id,
        line_id,
        classification,
        level,
        name as name_as_written,
        code as code_as_written,
        class_name,
        kuan_name,
        parent_metric,
        scope,
        period,
        basis,
        amount_wan,
        precision_wan,
        pct,
        pct_precision,
        share_of,
        share_of_scope,
        value_text,
        source as stated_in,
        sentence as evidence,
        section,
        span_start,
        span_end,
        source_span_start,
        source_span_end,
        {{ page_box_columns() }}
    from source
)

select * from renamed
