-- Leases due notifications: their next attempt moves to the lease's end, so a dispatcher that dies mid-delivery
-- leaves them to be tried again (same id) once the lease runs out. SKIP LOCKED lets several dispatchers share.
UPDATE notification_outbox o
SET next_attempt_at = $2, attempts = o.attempts + 1, last_attempt_at = $1
FROM (
  SELECT notification_id FROM notification_outbox
  WHERE state = 'pending' AND next_attempt_at <= $1
  -- An alert's changes in the order they happened (alert events on Kafka keep that order per fingerprint).
  ORDER BY next_attempt_at, alert_id, change_index, notification_id
  LIMIT $3
  FOR UPDATE SKIP LOCKED
) due
WHERE o.notification_id = due.notification_id
RETURNING o.notification_id, o.channel, o.route_id, o.alert_id, o.change_index, o.event_type, o.payload, o.attempts, o.created_at
