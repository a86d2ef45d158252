INSERT INTO cap_messages (identifier, alert_id, sequence, msg_type, sender, sent, input, xml)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
ON CONFLICT (identifier) DO NOTHING
