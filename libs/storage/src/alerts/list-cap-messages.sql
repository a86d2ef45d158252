SELECT identifier, alert_id, sequence, msg_type, sender, sent, input, xml FROM cap_messages WHERE alert_id = $1 ORDER BY sequence
