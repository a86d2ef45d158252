-- The station registry: DMI and Kystdirektoratet stations and the municipality's own sensors.
CREATE TABLE stations (
  station_id          text PRIMARY KEY,
  name                text NOT NULL,
  source              text NOT NULL,
  owner               text NOT NULL,
  longitude           double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
  latitude            double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
  provider_parameters text[] NOT NULL DEFAULT '{}',
  parameters          text[] NOT NULL DEFAULT '{}',
  sensor_elevation_m  double precision,
  updated_at          timestamptz NOT NULL DEFAULT now()
);
