// The station registry: DMI and Kystdirektoratet stations (loaded from DMI's station endpoints) and own sensors.
import type { Station } from '@klimavagt/domain';
import { DatabasePool } from '../database-pool';

interface StationRow {
  station_id: string;
  name: string;
  source: Station['source'];
  owner: string;
  longitude: number;
  latitude: number;
  provider_parameters: string[];
  parameters: Station['parameters'];
  sensor_elevation_m: number | null;
}

export class StationsRepository {
  constructor(private readonly db: DatabasePool) {}

  /** One statement for the whole list; the newest description of a station replaces the old one. */
  async upsert(stations: readonly Station[]): Promise<void> {
    if (stations.length === 0) return;
    await this.db.query(
      `INSERT INTO stations (station_id, name, source, owner, longitude, latitude, provider_parameters, parameters, sensor_elevation_m)
       SELECT s.id, s.name, s.source, s.owner, s.lon, s.lat,
              ARRAY(SELECT jsonb_array_elements_text(s.provider_parameters)), ARRAY(SELECT jsonb_array_elements_text(s.parameters)),
              s.elevation
         FROM jsonb_to_recordset($1::jsonb) AS s(id text, name text, source text, owner text, lon float8, lat float8,
                                                 provider_parameters jsonb, parameters jsonb, elevation float8)
       ON CONFLICT (station_id) DO UPDATE SET name = EXCLUDED.name, source = EXCLUDED.source, owner = EXCLUDED.owner,
         longitude = EXCLUDED.longitude, latitude = EXCLUDED.latitude, provider_parameters = EXCLUDED.provider_parameters,
         parameters = EXCLUDED.parameters, sensor_elevation_m = EXCLUDED.sensor_elevation_m, updated_at = now()`,
      [
        JSON.stringify(
          stations.map((s) => ({
            id: s.id,
            name: s.name,
            source: s.source,
            owner: s.owner,
            lon: s.location[0],
            lat: s.location[1],
            provider_parameters: s.providerParameters,
            parameters: s.parameters,
            elevation: s.sensorElevationM ?? null,
          })),
        ),
      ],
    );
  }

  async list(filter: { source?: Station['source'] } = {}): Promise<Station[]> {
    const rows = await this.db.query<StationRow>(
      `SELECT station_id, name, source, owner, longitude, latitude, provider_parameters, parameters, sensor_elevation_m
         FROM stations WHERE ($1::text IS NULL OR source = $1) ORDER BY station_id`,
      [filter.source ?? null],
    );
    return rows.map((r) => ({
      id: r.station_id,
      name: r.name,
      source: r.source,
      owner: r.owner,
      location: [r.longitude, r.latitude],
      providerParameters: r.provider_parameters,
      parameters: r.parameters,
      ...(r.sensor_elevation_m !== null ? { sensorElevationM: r.sensor_elevation_m } : {}),
    }));
  }
}
