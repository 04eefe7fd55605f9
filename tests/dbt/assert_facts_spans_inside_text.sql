-- A fact's span lies inside its document's text and covers the figure as written.
select
    facts.document_id,
    facts.fact_id
from {{ ref('fct_document_facts') }} as facts
inner join {{ source('raw', 'document_text') }} as texts
    on facts.document_id = texts.document_id
where
    facts.span_end > length(texts.text)
    or facts.span_start >= facts.span_end
    or strpos(substr(texts.text, facts.span_start + 1, facts.span_end - facts.span_start), facts.value_text) = 0
