-- Every version of a zone with its validity, oldest first.
SELECT zone_id, version, valid_from, valid_to, document, created_by, reason, retired_by, retire_reason
  FROM zone_versions
 WHERE zone_id = $1
 ORDER BY version;
