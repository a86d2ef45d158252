SELECT severity, hazard, count(*)::int AS count FROM alerts WHERE state <> 'resolved' GROUP BY severity, hazard
