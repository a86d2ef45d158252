-- Idempotent: a re-delivered outcome writes the same row again (the caller folds a batch to one row per key,
-- the last in the log, which is the one that stands).
INSERT INTO zone_risk_outcomes (zone_id, rule_id, hazard, state, votes, decided_at)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::timestamptz[])
ON CONFLICT (zone_id, rule_id, decided_at) DO UPDATE SET
  hazard = EXCLUDED.hazard, state = EXCLUDED.state, votes = EXCLUDED.votes
WHERE (zone_risk_outcomes.hazard, zone_risk_outcomes.state, zone_risk_outcomes.votes)
  IS DISTINCT FROM (EXCLUDED.hazard, EXCLUDED.state, EXCLUDED.votes)
