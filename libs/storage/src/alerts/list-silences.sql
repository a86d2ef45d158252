-- $1: only those not yet ended at that instant (null: all).
SELECT silence_id, kind, matchers, starts_at, ends_at, author, reason, created_at, expired_by
FROM silences
WHERE $1::timestamptz IS NULL OR ends_at > $1
ORDER BY starts_at DESC, silence_id
