with source as (
    select * from {{ source('raw', 'indicators') }}
),

renamed as (
    select
        document_id,
        indicator_id,
        record_kind,
        indicator_name,
        source as table_or_prose,
        project_name,
        level1_name,
        level2_name,
        comparator,
        target_text,
        target_value,
        target_unit,
        target_precision,
        mid_year_text,
        mid_year_value,
        mid_year_unit,
        actual_text,
        actual_value,
        actual_unit,
        actual_precision,
        completion_text,
        completion_pct,
        completion_precision,
        weight,
        weight_precision,
        score,
        score_precision,
        deviation_reason,
        unit_column,
        evidence,
        span_start,
        span_end,
        source_span_start,
        source_span_end,
        {{ page_box_columns() }}
    from source
)

select * from renamed
