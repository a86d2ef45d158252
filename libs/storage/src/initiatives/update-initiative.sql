-- Replaces the document of the version the caller edited (optimistic concurrency) and moves to the next version.
UPDATE initiatives
   SET version = version + 1, document = $3::jsonb, updated_at = greatest(created_at, date_trunc('milliseconds', now()))
 WHERE initiative_id = $1 AND version = $2
RETURNING initiative_id, version, document, created_at, updated_at;
