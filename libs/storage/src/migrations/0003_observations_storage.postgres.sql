-- Plain PostgreSQL: no hypertable; a BRIN index keeps time-range scans cheap on an append-mostly table.
CREATE INDEX observations_observed_at_brin ON observations USING brin (observed_at);
