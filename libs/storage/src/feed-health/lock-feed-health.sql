-- Locks the feed's row, so the outage check and the recovery of one feed always take turns.
SELECT feed_id, last_ok_at, last_failure_at, last_failure_reason, interval_ms FROM feed_health WHERE feed_id = $1 FOR UPDATE
