-- Open zone alerts by severity and hazard (operational alerts have no hazard; see klimavagt_feed_outage).
SELECT severity, hazard, count(*)::int AS count FROM alerts WHERE state <> 'resolved' AND hazard IS NOT NULL GROUP BY severity, hazard
