-- The alerts a silence holds, locked in the order signal batches and escalation take them (no deadlock).
SELECT alert_id FROM alerts WHERE state = 'firing' AND document->>'silencedBy' = $1 ORDER BY fingerprint, alert_id FOR UPDATE
