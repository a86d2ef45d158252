-- Plain PostgreSQL (degraded): the rollups are ordinary views over the raw table, computed at read time with date_bin.
CREATE VIEW observations_hourly AS
SELECT station_id, parameter, date_bin(INTERVAL '1 hour', observed_at, TIMESTAMPTZ '2000-01-01') AS bucket,
       min(value) AS min_value, max(value) AS max_value, avg(value) AS avg_value, sum(value) AS sum_value,
       count(*) AS samples
FROM observations GROUP BY station_id, parameter, bucket;
CREATE VIEW observations_daily AS
SELECT station_id, parameter, date_bin(INTERVAL '1 day', observed_at, TIMESTAMPTZ '2000-01-01') AS bucket,
       min(value) AS min_value, max(value) AS max_value, avg(value) AS avg_value, sum(value) AS sum_value,
       count(*) AS samples
FROM observations GROUP BY station_id, parameter, bucket;
