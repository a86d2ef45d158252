INSERT INTO silences (silence_id, kind, matchers, starts_at, ends_at, author, reason, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
RETURNING silence_id
