SELECT document, coverage, decided_by, version, next_escalation_at
FROM alerts
WHERE alert_id = $1
FOR UPDATE
