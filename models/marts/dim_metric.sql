-- The metric vocabulary (generated from src/fiscal/vocabulary.py, the single home of metric keys).
with vocabulary as (
    select * from {{ ref('metric_vocabulary') }}
)

select
    metric,
    name_zh,
    name_en,
    kind,
    basis_neutral,
    revenue_source
from vocabulary
