-- $3 'delivered' | 'pending' (retry at $4) | 'failed' (given up or refused).
UPDATE notification_outbox
SET state = $3,
    next_attempt_at = COALESCE($4, next_attempt_at),
    last_status = $5,
    last_error = $6,
    delivered_at = CASE WHEN $3 = 'delivered' THEN $2::timestamptz ELSE delivered_at END
WHERE notification_id = $1 AND state = 'pending'
