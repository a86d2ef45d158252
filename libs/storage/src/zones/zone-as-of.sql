-- The version of a zone that was valid at an instant: valid_from <= at < valid_to (or still current).
SELECT zone_id, version, valid_from, valid_to, document, created_by, reason, retired_by, retire_reason
  FROM zone_versions
 WHERE zone_id = $1 AND valid_from <= $2 AND (valid_to IS NULL OR valid_to > $2)
 ORDER BY valid_from DESC, version DESC
 LIMIT 1;
