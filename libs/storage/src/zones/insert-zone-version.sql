-- Adds one version of a zone, valid from now (millisecond precision, so an ISO timestamp read back is exact).
-- Nothing is written when the (zone_id, version) exists or the zone already has a current version.
INSERT INTO zone_versions (zone_id, version, valid_from, document, created_by, reason)
VALUES ($1, $2, date_trunc('milliseconds', now()), $3::jsonb, $4, $5)
ON CONFLICT DO NOTHING
RETURNING zone_id, version, valid_from, valid_to, document, created_by, reason, retired_by, retire_reason;
