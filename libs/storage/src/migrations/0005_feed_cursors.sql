-- Per-feed cursors: the end of the last window a poller fully published, so a restart neither skips nor re-reads.
CREATE TABLE feed_cursors (
  feed_id    text PRIMARY KEY,
  cursor_at  timestamptz NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
