-- Ends a silence now; one that already ended stays as it was.
UPDATE silences SET ends_at = GREATEST(starts_at + interval '1 millisecond', $2::timestamptz), expired_by = $3
WHERE silence_id = $1 AND ends_at > $2
RETURNING silence_id
