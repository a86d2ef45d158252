-- Takes one status: the last success and the last failure only move forward (a re-delivered old status
-- changes nothing); the interval follows the newest status.
INSERT INTO feed_health AS h (feed_id, last_ok_at, last_failure_at, last_failure_reason, interval_ms, last_status_at, updated_at)
VALUES ($1, CASE WHEN $2 = 'ok' THEN $3::timestamptz END, CASE WHEN $2 = 'failed' THEN $3::timestamptz END,
        CASE WHEN $2 = 'failed' THEN $4 END, $5, $3, now())
ON CONFLICT (feed_id) DO UPDATE SET
  last_ok_at = CASE WHEN $2 = 'ok' AND (h.last_ok_at IS NULL OR h.last_ok_at < $3) THEN $3 ELSE h.last_ok_at END,
  last_failure_at = CASE WHEN $2 = 'failed' AND (h.last_failure_at IS NULL OR h.last_failure_at < $3) THEN $3 ELSE h.last_failure_at END,
  last_failure_reason = CASE WHEN $2 = 'failed' AND (h.last_failure_at IS NULL OR h.last_failure_at < $3) THEN $4 ELSE h.last_failure_reason END,
  interval_ms = CASE WHEN h.last_status_at IS NULL OR h.last_status_at <= $3 THEN $5 ELSE h.interval_ms END,
  last_status_at = GREATEST(h.last_status_at, $3),
  updated_at = now()
RETURNING feed_id, last_ok_at, last_failure_at, last_failure_reason, interval_ms
