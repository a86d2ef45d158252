-- Bulk upsert of one batch from column arrays. The newest provider revision (created_at) of a key wins;
-- an equal or older revision changes nothing, which makes replays idempotent.
WITH written AS (
  INSERT INTO observations (station_id, parameter, observed_at, value, unit, source, quality, created_at, received_at)
  SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::float8[], $5::text[], $6::text[], $7::text[],
                       $8::timestamptz[], $9::timestamptz[])
  ON CONFLICT (station_id, parameter, observed_at) DO UPDATE
    SET value = EXCLUDED.value, unit = EXCLUDED.unit, source = EXCLUDED.source, quality = EXCLUDED.quality,
        created_at = EXCLUDED.created_at, received_at = EXCLUDED.received_at, recorded_at = now()
    WHERE observations.created_at < EXCLUDED.created_at
  RETURNING 1
)
SELECT count(*) AS n FROM written;
