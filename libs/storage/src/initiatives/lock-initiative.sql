-- The stored initiative, locked until the transaction ends: concurrent edits of it queue here, and the second
-- one sees the version the first one wrote.
SELECT initiative_id, version, document, created_at, updated_at
  FROM initiatives
 WHERE initiative_id = $1
   FOR UPDATE;
