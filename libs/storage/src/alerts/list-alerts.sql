-- Newest first; every filter optional ($1 state: 'open' = not resolved; $7: open at that instant).
SELECT document, coverage, decided_by, version, next_escalation_at
FROM alerts
WHERE ($1::text IS NULL OR ($1 = 'open' AND state <> 'resolved') OR state = $1)
  AND ($2::text IS NULL OR severity = $2)
  AND ($3::text IS NULL OR hazard = $3)
  AND ($4::text IS NULL OR zone_id = $4)
  AND ($5::timestamptz IS NULL OR updated_at >= $5)
  AND ($7::timestamptz IS NULL OR (opened_at <= $7 AND (resolved_at IS NULL OR resolved_at > $7)))
ORDER BY opened_at DESC, alert_id
LIMIT $6
