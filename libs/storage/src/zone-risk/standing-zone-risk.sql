-- The outcome standing at $3 for each asked (zone, rule): the newest decided at or before it. One statement for
-- the whole map; each pair is one backward probe of the primary key, however long the history behind it.
SELECT o.zone_id, o.rule_id, o.hazard, o.state, o.votes, o.decided_at
FROM unnest($1::text[], $2::text[]) AS asked(zone_id, rule_id)
CROSS JOIN LATERAL (
  SELECT zone_id, rule_id, hazard, state, votes, decided_at
  FROM zone_risk_outcomes
  WHERE zone_id = asked.zone_id AND rule_id = asked.rule_id AND decided_at <= $3
  ORDER BY decided_at DESC
  LIMIT 1
) AS o
ORDER BY o.zone_id, o.rule_id
