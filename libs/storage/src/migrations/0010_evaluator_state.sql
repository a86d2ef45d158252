-- The evaluator's rule state (rolling windows, hysteresis, votes, signal state), saved with each batch before its
-- offsets are committed, so a restarted or rebalanced instance continues exactly where the last one stopped.
CREATE TABLE evaluator_state (
  stage      text NOT NULL,
  state_key  text NOT NULL,
  state      jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (stage, state_key)
);
