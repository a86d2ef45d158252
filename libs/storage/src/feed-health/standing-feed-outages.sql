-- The feeds with a feed-outage alert standing (firing or acknowledged).
SELECT DISTINCT document -> 'operational' ->> 'feed' AS feed
FROM alerts
WHERE state <> 'resolved' AND zone_id IS NULL AND document -> 'operational' ->> 'kind' = 'feed-outage'
