-- Canonical observations, one row per (station, parameter, observed time); the newest provider revision wins.
CREATE TABLE observations (
  station_id  text NOT NULL,
  parameter   text NOT NULL,
  observed_at timestamptz NOT NULL,
  value       double precision NOT NULL,
  unit        text NOT NULL,
  source      text NOT NULL,
  quality     text NOT NULL,
  created_at  timestamptz NOT NULL,
  received_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (station_id, parameter, observed_at)
);
