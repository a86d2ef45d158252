-- Adds an initiative at version 1 (millisecond timestamps, so an ISO timestamp read back is exact).
-- Nothing is written when the id is taken.
INSERT INTO initiatives (initiative_id, version, document, created_at, updated_at)
VALUES ($1, 1, $2::jsonb, date_trunc('milliseconds', now()), date_trunc('milliseconds', now()))
ON CONFLICT (initiative_id) DO NOTHING
RETURNING initiative_id, version, document, created_at, updated_at;
