-- The newest episode of a fingerprint, locked for the transition that follows.
SELECT document, coverage, decided_by, version, next_escalation_at
FROM alerts
WHERE fingerprint = $1
ORDER BY episode DESC
LIMIT 1
FOR UPDATE
