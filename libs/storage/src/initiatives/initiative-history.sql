-- Every change of an initiative, oldest first.
SELECT initiative_id, version, action, changed_at, changed_by, reason, changed_fields, document
  FROM initiative_changes
 WHERE initiative_id = $1
 ORDER BY version;
