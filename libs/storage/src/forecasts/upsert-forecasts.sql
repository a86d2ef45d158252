-- Idempotent: the same run fetched again replaces the stored one only if fetched later.
INSERT INTO sea_level_forecasts (station_id, collection, run_time, run_known, fetched_at, grid_point, points, bias_m)
SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::boolean[], $5::timestamptz[], $6::jsonb[], $7::jsonb[], $8::float8[])
ON CONFLICT (station_id, collection, run_time) DO UPDATE SET
  fetched_at = EXCLUDED.fetched_at, grid_point = EXCLUDED.grid_point, points = EXCLUDED.points, bias_m = EXCLUDED.bias_m
WHERE sea_level_forecasts.fetched_at < EXCLUDED.fetched_at
