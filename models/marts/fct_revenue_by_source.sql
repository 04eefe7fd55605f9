-- Income by source (财政拨款, 事业收入, 经营收入 …), one row per stated figure.
with facts as (
    select * from {{ ref('fct_document_facts') }}
    -- the document's own income, not a named unit's on a page about many departments
    where unit_name is null
),

vocabulary as (
    select * from {{ ref('metric_vocabulary') }}
    where revenue_source is not null
),

sources as (
    select * from {{ ref('revenue_sources') }}
),

final as (
    select
        facts.document_id,
        facts.fact_id,
        facts.source_file,
        facts.department_id,
        facts.department_name,
        facts.fiscal_year,
        facts.doc_type,
        vocabulary.revenue_source as revenue_source_code,
        sources.name as revenue_source_name,
        facts.scope,
        facts.period,
        facts.basis,
        facts.amount_wan,
        facts.precision_wan,
        facts.pct,
        facts.value_text,
        facts.evidence,
        facts.span_start,
        facts.span_end
    from facts
    inner join vocabulary on facts.metric = vocabulary.metric
    left join sources on vocabulary.revenue_source = sources.code
)

select * from final
