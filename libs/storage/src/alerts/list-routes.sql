SELECT route_id, name, channel, target, matchers, secret, allow_private_network, enabled, disabled_reason, disabled_at,
       created_at, updated_at
FROM notification_routes
WHERE ($1::text IS NULL OR route_id = $1)
ORDER BY route_id
