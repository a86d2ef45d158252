-- Registered push sensors: each has its own credential (only a SHA-256 of the token is stored), scoped to one station.
CREATE TABLE sensors (
  sensor_id        text PRIMARY KEY,
  station_id       text NOT NULL REFERENCES stations (station_id),
  token_sha256     text NOT NULL UNIQUE,
  level_parameter  text CHECK (level_parameter IN ('sea_level', 'water_level')),
  elevation_m      double precision,
  created_at       timestamptz NOT NULL DEFAULT now(),
  revoked_at       timestamptz
);
