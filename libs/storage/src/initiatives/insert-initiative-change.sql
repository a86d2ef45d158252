-- One entry of the change record: who changed the initiative, when, which fields, why, and the document it became.
INSERT INTO initiative_changes (initiative_id, version, action, changed_at, changed_by, reason, changed_fields, document)
VALUES ($1, $2, $3, $4, $5, $6, $7::text[], $8::jsonb);
