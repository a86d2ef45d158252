-- Alerting: one row per alert episode (the lifecycle document with its audit trail), the CAP messages sent for
-- it, silences and maintenance windows, notification routes, and the transactional outbox that carries every
-- notification (webhook, email, Kafka alert event) from the alert change it belongs to. Plain SQL, both engines.
CREATE TABLE alerts (
  alert_id           text PRIMARY KEY,
  fingerprint        text NOT NULL,
  episode            integer NOT NULL CHECK (episode >= 1),
  zone_id            text NOT NULL,
  hazard             text NOT NULL,
  rule_id            text NOT NULL,
  state              text NOT NULL CHECK (state IN ('firing', 'acknowledged', 'resolved')),
  severity           text NOT NULL CHECK (severity IN ('yellow', 'orange', 'red')),
  opened_at          timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL,
  resolved_at        timestamptz,
  -- When an unacknowledged firing alert escalates next; null when it cannot (acknowledged, resolved, silenced).
  next_escalation_at timestamptz,
  -- The domain's Alert, history (the audit trail: who, when, why) included.
  document           jsonb NOT NULL CHECK (jsonb_typeof(document) = 'object'),
  -- Initiatives covering zone and hazard, judged against the episode's highest deciding value.
  coverage           jsonb NOT NULL CHECK (jsonb_typeof(coverage) = 'object'),
  -- The value behind the newest signal (station, parameter, time, value), shown in messages.
  decided_by         jsonb,
  version            integer NOT NULL CHECK (version >= 1),
  UNIQUE (fingerprint, episode)
);
CREATE INDEX alerts_open ON alerts (severity, hazard) WHERE state <> 'resolved';
CREATE INDEX alerts_zone ON alerts (zone_id, hazard, opened_at DESC);
CREATE INDEX alerts_escalation_due ON alerts (next_escalation_at) WHERE next_escalation_at IS NOT NULL;

-- Every CAP message sent for an alert, exactly as sent (its identifier, sender and sent are referenced later).
CREATE TABLE cap_messages (
  identifier text PRIMARY KEY,
  alert_id   text NOT NULL REFERENCES alerts (alert_id),
  sequence   integer NOT NULL CHECK (sequence >= 1),
  msg_type   text NOT NULL CHECK (msg_type IN ('Alert', 'Update', 'Cancel')),
  sender     text NOT NULL,
  sent       text NOT NULL,
  input      jsonb NOT NULL,
  xml        text NOT NULL,
  UNIQUE (alert_id, sequence)
);

CREATE TABLE silences (
  silence_id text PRIMARY KEY,
  kind       text NOT NULL CHECK (kind IN ('silence', 'maintenance')),
  matchers   jsonb NOT NULL CHECK (jsonb_typeof(matchers) = 'object'),
  starts_at  timestamptz NOT NULL,
  ends_at    timestamptz NOT NULL CHECK (ends_at > starts_at),
  author     text NOT NULL,
  reason     text NOT NULL,
  created_at timestamptz NOT NULL,
  -- Ended early by an operator (ends_at is then moved to that moment; this keeps who did it).
  expired_by text
);
CREATE INDEX silences_active ON silences (ends_at);

CREATE TABLE notification_routes (
  route_id              text PRIMARY KEY CHECK (route_id ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
  name                  text NOT NULL,
  channel               text NOT NULL CHECK (channel IN ('webhook', 'email')),
  -- A URL for webhooks, comma-separated addresses for email.
  target                text NOT NULL,
  -- zoneIds, hazards, minSeverity: every matcher given must hold.
  matchers              jsonb NOT NULL CHECK (jsonb_typeof(matchers) = 'object'),
  secret                text,
  allow_private_network boolean NOT NULL DEFAULT false,
  enabled               boolean NOT NULL DEFAULT true,
  -- Why it was disabled (e.g. the endpoint answered 410 Gone) and when.
  disabled_reason       text,
  disabled_at           timestamptz,
  created_at            timestamptz NOT NULL,
  updated_at            timestamptz NOT NULL
);

-- The transactional outbox: written in the same transaction as the alert change it announces, delivered later
-- and retried; the id is stable across retries (the webhook-id), so a receiver only sees duplicates by id.
CREATE TABLE notification_outbox (
  notification_id text PRIMARY KEY,
  channel         text NOT NULL CHECK (channel IN ('webhook', 'email', 'kafka')),
  route_id        text REFERENCES notification_routes (route_id),
  alert_id        text NOT NULL REFERENCES alerts (alert_id),
  -- Position of the announced change in the alert's history.
  change_index    integer NOT NULL CHECK (change_index >= 0),
  event_type      text NOT NULL,
  payload         jsonb NOT NULL,
  state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
  attempts        integer NOT NULL DEFAULT 0,
  created_at      timestamptz NOT NULL,
  next_attempt_at timestamptz NOT NULL,
  last_attempt_at timestamptz,
  last_status     integer,
  last_error      text,
  delivered_at    timestamptz
);
CREATE INDEX notification_outbox_due ON notification_outbox (next_attempt_at) WHERE state = 'pending';
CREATE INDEX notification_outbox_alert ON notification_outbox (alert_id, change_index);
