-- “三公”经费: outbound travel, official vehicles (purchase, operation), official reception.
with facts as (
    select * from {{ ref('fct_document_facts') }}
    -- the document's own, not a named unit's on a page about many departments
    where unit_name is null
),

final as (
    select
        document_id,
        fact_id,
        source_file,
        department_id,
        department_name,
        fiscal_year,
        doc_type,
        metric,
        period,
        basis,
        amount_wan,
        precision_wan,
        pct,
        value_text,
        evidence,
        span_start,
        span_end
    from facts
    where metric like 'three_public_%'
)

select * from final
