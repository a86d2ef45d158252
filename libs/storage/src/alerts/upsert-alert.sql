-- Inserts a new episode or replaces the stored one, only from the version the transition started at.
INSERT INTO alerts (alert_id, fingerprint, episode, zone_id, hazard, rule_id, state, severity, opened_at, updated_at,
                    resolved_at, next_escalation_at, document, coverage, decided_by, version)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 1)
ON CONFLICT (alert_id) DO UPDATE SET
  state = EXCLUDED.state,
  severity = EXCLUDED.severity,
  updated_at = EXCLUDED.updated_at,
  resolved_at = EXCLUDED.resolved_at,
  next_escalation_at = EXCLUDED.next_escalation_at,
  document = EXCLUDED.document,
  coverage = EXCLUDED.coverage,
  decided_by = EXCLUDED.decided_by,
  version = alerts.version + 1
WHERE alerts.version = $16
RETURNING version
