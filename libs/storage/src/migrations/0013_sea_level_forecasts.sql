-- DKSS storm-surge forecasts as received: one row per gauge, model domain and model run (fetch time when DMI
-- gave no run time), so a chart can show the forecast that stood at any moment. Plain SQL, both engines.
CREATE TABLE sea_level_forecasts (
  station_id  text NOT NULL,
  collection  text NOT NULL,
  run_time    timestamptz NOT NULL,
  run_known   boolean NOT NULL,
  fetched_at  timestamptz NOT NULL,
  grid_point  jsonb NOT NULL,
  -- [{at, levelM}], ascending.
  points      jsonb NOT NULL CHECK (jsonb_typeof(points) = 'array'),
  PRIMARY KEY (station_id, collection, run_time)
);
CREATE INDEX sea_level_forecasts_latest ON sea_level_forecasts (station_id, run_time DESC);
