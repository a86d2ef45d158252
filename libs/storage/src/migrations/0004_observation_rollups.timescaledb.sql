-- migrate:no-transaction
-- TimescaleDB: hourly and daily rollups as continuous aggregates, refreshed by policy (real-time on).
CREATE MATERIALIZED VIEW observations_hourly WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT station_id, parameter, time_bucket(INTERVAL '1 hour', observed_at) AS bucket,
       min(value) AS min_value, max(value) AS max_value, avg(value) AS avg_value, sum(value) AS sum_value,
       count(*) AS samples
FROM observations GROUP BY station_id, parameter, bucket WITH NO DATA;
SELECT add_continuous_aggregate_policy('observations_hourly', start_offset => INTERVAL '3 days',
  end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '15 minutes');
CREATE MATERIALIZED VIEW observations_daily WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT station_id, parameter, time_bucket(INTERVAL '1 day', observed_at) AS bucket,
       min(value) AS min_value, max(value) AS max_value, avg(value) AS avg_value, sum(value) AS sum_value,
       count(*) AS samples
FROM observations GROUP BY station_id, parameter, bucket WITH NO DATA;
SELECT add_continuous_aggregate_policy('observations_daily', start_offset => INTERVAL '10 days',
  end_offset => INTERVAL '1 day', schedule_interval => INTERVAL '1 hour');
