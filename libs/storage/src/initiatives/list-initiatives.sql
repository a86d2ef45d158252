-- Initiatives (all, or one id), optionally only those covering a zone, facing a hazard or in a status.
-- Containment on the whole document, so the GIN index (jsonb_path_ops) can answer each filter.
SELECT initiative_id, version, document, created_at, updated_at
  FROM initiatives
 WHERE ($1::text IS NULL OR initiative_id = $1)
   AND ($2::text IS NULL OR document @> jsonb_build_object('zoneIds', jsonb_build_array($2::text)))
   AND ($3::text IS NULL OR document @> jsonb_build_object('hazards', jsonb_build_array($3::text)))
   AND ($4::text IS NULL OR document @> jsonb_build_object('status', $4::text))
 ORDER BY initiative_id;
