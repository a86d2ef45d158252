-- A row for a feed never heard of, so the outage check has a row to lock on.
INSERT INTO feed_health (feed_id) VALUES ($1) ON CONFLICT (feed_id) DO NOTHING
