with source as (
    select * from {{ source('raw', 'facts') }}
),

renamed as (
    select
        document_id,
        fact_id,
        metric,
        scope,
        period,
        basis,
        project_name,
        unit_name,
        subject_metric,
        base,
        coalesce(unplaced_parts, 0) as unplaced_parts,
        part_of,
        value,
        unit,
        precision,
        amount_wan,
        precision_wan,
        pct,
        pct_precision,
        share_of,
        share_of_scope,
        value_text,
        label,
        sentence as evidence,
        section,
        pattern,
        span_start,
        span_end,
        source_span_start,
        source_span_end,
        {{ page_box_columns() }}
    from source
)

select * from renamed
