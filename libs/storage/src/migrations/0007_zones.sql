-- Adaptation zones with history: every version of a zone document is kept with the interval it was valid in
-- ([valid_from, valid_to); valid_to NULL = the current version). An edit closes the current version and adds the
-- next one; retiring a zone closes its current version and adds none. Plain SQL for both engines.
CREATE TABLE zone_versions (
  zone_id     text NOT NULL CHECK (zone_id ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
  version     integer NOT NULL CHECK (version >= 1),
  valid_from  timestamptz NOT NULL,
  valid_to    timestamptz,
  -- name, illustrative, hazards, owner, geometry, representativeStationIds, nearbyDistanceM, levelSets, rules
  document    jsonb NOT NULL CHECK (jsonb_typeof(document) = 'object'),
  created_by  text,
  reason      text,
  -- Set when the zone was retired (its last version closed without a successor).
  retired_by    text,
  retire_reason text,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (zone_id, version),
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);

-- At most one current version per zone: two concurrent edits cannot both leave a current version.
CREATE UNIQUE INDEX zone_versions_one_current ON zone_versions (zone_id) WHERE valid_to IS NULL;

-- "Which version was valid at T": the newest version of the zone that began at or before T.
CREATE INDEX zone_versions_as_of ON zone_versions (zone_id, valid_from DESC) INCLUDE (valid_to);
