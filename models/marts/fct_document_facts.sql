-- One row per scalar fact stated in a document (long form), with the sentence it came from.
with facts as (
    select * from {{ ref('int_document_facts_enriched') }}
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
        scope,
        period,
        basis,
        project_name,
        unit_name,
        subject_metric,
        base,
        unplaced_parts,
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
        evidence,
        section,
        pattern,
        span_start,
        span_end,
        source_span_start,
        source_span_end,
        {{ page_box_columns() }}
    from facts
)

select * from final
