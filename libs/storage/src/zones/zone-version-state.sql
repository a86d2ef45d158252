-- Why a close matched nothing: the zone is unknown (latest NULL), retired (current NULL) or at another version.
SELECT max(version) AS latest, max(version) FILTER (WHERE valid_to IS NULL) AS current
  FROM zone_versions
 WHERE zone_id = $1;
