-- Closes the current version of a zone at now, but only when it is the version the caller last read
-- (optimistic concurrency). A concurrent edit that closed it first leaves nothing to match here.
UPDATE zone_versions
   SET valid_to = date_trunc('milliseconds', now()), retired_by = $3, retire_reason = $4
 WHERE zone_id = $1 AND version = $2 AND valid_to IS NULL
RETURNING zone_id, version, valid_from, valid_to, document, created_by, reason, retired_by, retire_reason;
