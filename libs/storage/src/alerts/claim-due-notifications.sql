-- Leases due notifications: their next attempt moves to the lease's end, so a dispatcher that dies mid-delivery
-- leaves them to be tried again (same id) once the lease runs out. SKIP LOCKED lets several dispatchers share.
-- An alert event on Kafka is leased only when no earlier event of its alert is still pending (failed and waiting,
-- or leased elsewhere): alert-events.v1 keeps each alert's changes in order, whatever fails or retries.
UPDATE notification_outbox o
SET next_attempt_at = $2, attempts = o.attempts + 1, last_attempt_at = $1
FROM (
  SELECT n.notification_id FROM notification_outbox n
  WHERE n.state = 'pending' AND n.next_attempt_at <= $1
    AND (n.channel <> 'kafka' OR NOT EXISTS (
      SELECT 1 FROM notification_outbox e
      WHERE e.alert_id = n.alert_id AND e.channel = 'kafka' AND e.state = 'pending' AND e.change_index < n.change_index
    ))
  ORDER BY n.next_attempt_at, n.alert_id, n.change_index, n.notification_id
  LIMIT $3
  FOR UPDATE SKIP LOCKED
) due
WHERE o.notification_id = due.notification_id
RETURNING o.notification_id, o.channel, o.route_id, o.alert_id, o.change_index, o.event_type, o.payload, o.attempts, o.created_at
