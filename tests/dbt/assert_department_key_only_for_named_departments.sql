-- A landed document has a department key exactly when it names a department: documents that name
-- none are never given a shared key (unknown is not equal to unknown across documents).
select
    document_id,
    department_name,
    department_id
from {{ ref('int_documents_landed') }}
where
    (department_id is null and {{ department_key('department_name') }} != '')
    or (department_id is not null and {{ department_key('department_name') }} = '')
