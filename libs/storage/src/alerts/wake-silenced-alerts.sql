-- The silence ended early: the alerts it held are looked at again for escalation now, not at its old end.
UPDATE alerts SET next_escalation_at = $2 WHERE state = 'firing' AND document->>'silencedBy' = $1
