-- Every change of a zone rule's outcome as the evaluator published it on zone-risk.v1, so the risk map can say
-- what each rule stood at at any moment — above all `unknown` (too few gauges can vote), which is never clear.
-- Plain SQL, both engines: outcomes come on change only, a small table next to the observations.
CREATE TABLE zone_risk_outcomes (
  zone_id     text NOT NULL,
  rule_id     text NOT NULL,
  hazard      text NOT NULL,
  -- A severity, 'unknown', or NULL (the rule judges the zone clear).
  state       text NULL CHECK (state IN ('yellow', 'orange', 'red', 'unknown')),
  -- [{stationId, severity, status: ok | suspect | silent}], sorted by station id.
  votes       jsonb NOT NULL CHECK (jsonb_typeof(votes) = 'array'),
  decided_at  timestamptz NOT NULL,
  -- The primary key's order serves "the newest outcome of this rule at or before t" as one backward index probe.
  PRIMARY KEY (zone_id, rule_id, decided_at)
);
