-- The newest threat incident of a zone and hazard (an open one first), locked for the transition that follows.
-- Alerts stored before incidents existed carry no `sources`: they are not incidents of other rules.
SELECT document, coverage, decided_by, version, next_escalation_at
FROM alerts
WHERE zone_id = $1 AND hazard = $2 AND document -> 'sources' IS NOT NULL
ORDER BY (state <> 'resolved') DESC, opened_at DESC, alert_id DESC
LIMIT 1
FOR UPDATE
