SELECT notification_id, channel, route_id, alert_id, change_index, event_type, state, attempts, created_at,
       next_attempt_at, last_attempt_at, last_status, last_error, delivered_at
FROM notification_outbox
WHERE ($1::text IS NULL OR alert_id = $1) AND ($2::text IS NULL OR state = $2)
ORDER BY created_at DESC, notification_id
LIMIT $3
