-- The newest message of each open alert, and the Cancel of each alert resolved (sent) since $1, so the feed
-- tells readers an alert ended before it drops it.
SELECT DISTINCT ON (m.alert_id) m.identifier, m.alert_id, m.sequence, m.msg_type, m.sender, m.sent, m.input, m.xml
FROM cap_messages m
JOIN alerts a ON a.alert_id = m.alert_id
WHERE a.state <> 'resolved' OR (m.msg_type = 'Cancel' AND m.sent::timestamptz >= $1)
ORDER BY m.alert_id, m.sequence DESC
