-- Performance indicators (绩效指标: target, actual, completion) and scoring items (评分项: weight,
-- score) of self-evaluation reports, one row per record as stated, with its words and evidence.
with indicators as (
    select * from {{ ref('stg_raw__indicators') }}
),

documents as (
    select * from {{ ref('int_documents_landed') }}
),

final as (
    select
        indicators.document_id,
        indicators.indicator_id,
        {{ document_columns('documents') }},
        indicators.record_kind,
        indicators.table_or_prose,
        indicators.project_name,
        indicators.level1_name,
        indicators.level2_name,
        indicators.indicator_name,
        indicators.comparator,
        indicators.target_text,
        indicators.target_value,
        indicators.target_precision,
        indicators.mid_year_text,
        indicators.mid_year_value,
        indicators.actual_text,
        indicators.actual_value,
        indicators.actual_precision,
        coalesce(indicators.target_unit, indicators.actual_unit) as unit,
        indicators.target_unit,
        indicators.unit_column,
        indicators.completion_pct,
        indicators.completion_precision,
        indicators.weight,
        indicators.weight_precision,
        indicators.score,
        indicators.score_precision,
        indicators.deviation_reason,
        indicators.evidence,
        indicators.span_start,
        indicators.span_end,
        {{ page_box_columns('indicators') }}
    from indicators
    inner join documents on indicators.document_id = documents.document_id
)

select * from final
