-- The DKSS bias per gauge, estimated from stored overlap: the mean of observed − DKSS over the first $2 hours of
-- each of the gauge's last $1 runs (per model domain $3). DKSS here is the raw model value — the stored
-- point minus the bias applied to that run — so the estimate does not depend on the bias configured meanwhile.
-- Only observations of quality 'ok' count; forecast points are hourly, observations every 10 minutes, so
-- they meet on the hour.
WITH runs AS (
  SELECT station_id, run_time, bias_m, points,
         row_number() OVER (PARTITION BY station_id ORDER BY run_time DESC) AS newest
  FROM sea_level_forecasts
  WHERE run_known AND collection = $3
),
pairs AS (
  SELECT r.station_id, r.run_time, o.value - ((p ->> 'levelM')::float8 - r.bias_m) AS residual
  FROM runs r
  CROSS JOIN LATERAL jsonb_array_elements(r.points) AS p
  JOIN observations o
    ON o.station_id = r.station_id AND o.parameter = 'sea_level' AND o.quality = 'ok'
   AND o.observed_at = (p ->> 'at')::timestamptz
  WHERE r.newest <= $1
    AND (p ->> 'at')::timestamptz >= r.run_time
    AND (p ->> 'at')::timestamptz < r.run_time + make_interval(hours => $2)
)
SELECT station_id,
       round(avg(residual)::numeric, 3)::float8 AS bias_m,
       coalesce(round(stddev_samp(residual)::numeric, 3)::float8, 0) AS spread_m,
       count(*)::int AS pairs,
       count(DISTINCT run_time)::int AS runs
FROM pairs
GROUP BY station_id
ORDER BY station_id
