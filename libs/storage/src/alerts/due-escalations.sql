SELECT alert_id FROM alerts WHERE next_escalation_at <= $1 ORDER BY next_escalation_at, alert_id LIMIT $2
