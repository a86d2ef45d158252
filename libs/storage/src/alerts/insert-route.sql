INSERT INTO notification_routes (route_id, name, channel, target, matchers, secret, allow_private_network, enabled, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, true, $8, $8)
ON CONFLICT (route_id) DO NOTHING
RETURNING route_id
