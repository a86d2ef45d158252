SELECT feed_id, last_ok_at, last_failure_at, last_failure_reason, interval_ms FROM feed_health ORDER BY feed_id
