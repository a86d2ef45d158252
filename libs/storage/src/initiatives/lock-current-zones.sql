-- Of the zones an initiative names, those that are current (not unknown, not retired), share-locked until the
-- transaction ends: a concurrent edit or retirement of one of them waits, so none can vanish in between.
SELECT zone_id
  FROM zone_versions
 WHERE zone_id = ANY($1::text[]) AND valid_to IS NULL
   FOR SHARE;
