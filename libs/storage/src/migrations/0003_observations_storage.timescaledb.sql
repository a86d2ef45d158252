-- TimescaleDB: observations become a hypertable (7-day chunks), compressed per station and parameter after 30 days.
-- Raw observations have no retention policy: they are the municipality's record of past events.
SELECT create_hypertable('observations', by_range('observed_at', INTERVAL '7 days'), migrate_data => true);
ALTER TABLE observations SET (
  timescaledb.compress,
  timescaledb.compress_segmentby = 'station_id, parameter',
  timescaledb.compress_orderby = 'observed_at DESC'
);
SELECT add_compression_policy('observations', INTERVAL '30 days');
