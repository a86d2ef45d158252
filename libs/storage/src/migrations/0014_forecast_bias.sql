-- The per-gauge DKSS bias ingest added to a run's points (sea-level-forecasts.v1 `biasM`), so the stored levels
-- are DVR90 and the raw model values (points − bias_m) stay recoverable for estimating the bias again.
ALTER TABLE sea_level_forecasts ADD COLUMN bias_m double precision NOT NULL DEFAULT 0;
