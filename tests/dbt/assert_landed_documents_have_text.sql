-- Every landed document keeps the text its spans point into.
select documents.document_id
from {{ ref('stg_raw__documents') }} as documents
left join {{ source('raw', 'document_text') }} as texts
    on documents.document_id = texts.document_id
where documents.status = 'landed' and texts.document_id is null
