-- The current version of every zone (or of one, or of those facing a hazard); retired zones have none.
SELECT zone_id, version, valid_from, valid_to, document, created_by, reason, retired_by, retire_reason
  FROM zone_versions
 WHERE valid_to IS NULL
   AND ($1::text IS NULL OR zone_id = $1)
   AND ($2::text IS NULL OR document -> 'hazards' @> jsonb_build_array($2::text))
 ORDER BY zone_id;
