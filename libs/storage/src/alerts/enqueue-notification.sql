-- Idempotent: a transition re-applied after a crash enqueues nothing twice (the id is the change's).
INSERT INTO notification_outbox (notification_id, channel, route_id, alert_id, change_index, event_type, payload, created_at, next_attempt_at)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::jsonb[], $8::timestamptz[], $8::timestamptz[])
ON CONFLICT (notification_id) DO NOTHING
