SELECT channel, count(*)::int AS count, min(created_at) AS oldest FROM notification_outbox WHERE state = 'pending' GROUP BY channel
