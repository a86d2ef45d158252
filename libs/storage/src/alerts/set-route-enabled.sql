UPDATE notification_routes
SET enabled = $2, disabled_reason = CASE WHEN $2 THEN NULL ELSE $3 END, disabled_at = CASE WHEN $2 THEN NULL ELSE $4::timestamptz END,
    updated_at = $4
WHERE route_id = $1
RETURNING route_id
