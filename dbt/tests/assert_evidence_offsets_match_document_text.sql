-- Provenance must be exact: the characters an evidence row points at are its evidence text.
select evidence.evidence_id, evidence.doc_id, evidence.char_start, evidence.char_end
from {{ ref('fct_evidence') }} as evidence
inner join {{ ref('dim_documents') }} as documents on documents.doc_id = evidence.doc_id
where evidence.char_start is not null
    and substr(documents.body, evidence.char_start + 1, evidence.char_end - evidence.char_start) <> evidence.evidence_text
