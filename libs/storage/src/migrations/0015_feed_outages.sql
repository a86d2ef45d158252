-- Operational alerts (a DMI feed gone quiet) are alerts without a zone and a hazard; and what the alerting side
-- knows of each feed from its statuses, so a restart of alerting remembers since when a feed has been silent.
ALTER TABLE alerts ALTER COLUMN zone_id DROP NOT NULL;
ALTER TABLE alerts ALTER COLUMN hazard DROP NOT NULL;
ALTER TABLE alerts ADD CONSTRAINT alerts_zone_with_hazard CHECK ((zone_id IS NULL) = (hazard IS NULL));

CREATE TABLE feed_health (
  feed_id             text PRIMARY KEY,
  -- The newest successful cycle's report time (ingest's clock); null until one is heard.
  last_ok_at          timestamptz,
  last_failure_at     timestamptz,
  last_failure_reason text,
  -- The feed's poll interval, as its newest status said.
  interval_ms         bigint,
  -- The newest status of any outcome; null for a row the outage check created to lock on.
  last_status_at      timestamptz,
  updated_at          timestamptz NOT NULL DEFAULT now()
);
