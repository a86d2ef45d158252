-- Robustness initiatives ("indsatser"): one current document per initiative, edited under optimistic concurrency
-- (version), and an append-only record of every change: who, when, what (the fields that changed and the document
-- as it became) and why. Plain SQL for both engines.
CREATE TABLE initiatives (
  initiative_id text PRIMARY KEY CHECK (initiative_id ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
  version       integer NOT NULL CHECK (version >= 1),
  -- title, hazards, zoneIds, measureType, owner, status, targetYear, liveSince, designLevel, indicators, source,
  -- illustrative, notes
  document      jsonb NOT NULL CHECK (jsonb_typeof(document) = 'object'),
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  CHECK (updated_at >= created_at)
);

-- Filters by zone, hazard and status are containment queries on the document (document @> {...}).
CREATE INDEX initiatives_document ON initiatives USING gin (document jsonb_path_ops);

CREATE TABLE initiative_changes (
  initiative_id  text NOT NULL REFERENCES initiatives (initiative_id),
  version        integer NOT NULL CHECK (version >= 1),
  action         text NOT NULL CHECK (action IN ('created', 'updated')),
  changed_at     timestamptz NOT NULL,
  changed_by     text,
  reason         text,
  -- Top-level fields of the document that differ from the previous version (every field for a creation).
  changed_fields text[] NOT NULL,
  document       jsonb NOT NULL CHECK (jsonb_typeof(document) = 'object'),
  PRIMARY KEY (initiative_id, version)
);
