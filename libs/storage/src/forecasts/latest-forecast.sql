-- The newest model run for a gauge that had been made by $2 (what a forecaster saw then).
SELECT station_id, collection, run_time, run_known, fetched_at, grid_point, points
FROM sea_level_forecasts
WHERE station_id = $1 AND run_time <= $2
ORDER BY run_time DESC, collection
LIMIT 1
