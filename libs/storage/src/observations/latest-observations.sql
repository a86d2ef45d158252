-- The latest value per station and parameter (optionally filtered).
SELECT DISTINCT ON (station_id, parameter)
       station_id, parameter, observed_at, value, unit, quality, source
  FROM observations
 WHERE ($1::text IS NULL OR station_id = $1) AND ($2::text IS NULL OR parameter = $2)
 ORDER BY station_id, parameter, observed_at DESC;
