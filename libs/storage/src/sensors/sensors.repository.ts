// Registered push sensors and their credentials: tokens are stored only as SHA-256 digests.
import { createHash } from 'node:crypto';
import type { RegisteredSensor } from '@klimavagt/domain';
import { DatabasePool } from '../database-pool';

export function tokenDigest(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

interface SensorRow {
  sensor_id: string;
  station_id: string;
  level_parameter: 'sea_level' | 'water_level' | null;
  elevation_m: number | null;
}

function toSensor(r: SensorRow): RegisteredSensor {
  return {
    sensorId: r.sensor_id,
    stationId: r.station_id,
    ...(r.level_parameter ? { levelParameter: r.level_parameter } : {}),
    ...(r.elevation_m !== null ? { elevationM: r.elevation_m } : {}),
  };
}

export class SensorsRepository {
  constructor(private readonly db: DatabasePool) {}

  /** Registers (or re-keys) a sensor; the plain token is never stored. */
  async register(sensor: RegisteredSensor, token: string): Promise<void> {
    await this.db.query(
      `INSERT INTO sensors (sensor_id, station_id, token_sha256, level_parameter, elevation_m)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (sensor_id) DO UPDATE SET station_id = EXCLUDED.station_id, token_sha256 = EXCLUDED.token_sha256,
         level_parameter = EXCLUDED.level_parameter, elevation_m = EXCLUDED.elevation_m, revoked_at = NULL`,
      [sensor.sensorId, sensor.stationId, tokenDigest(token), sensor.levelParameter ?? null, sensor.elevationM ?? null],
    );
  }

  async findByToken(token: string): Promise<RegisteredSensor | undefined> {
    const rows = await this.db.query<SensorRow>(
      'SELECT sensor_id, station_id, level_parameter, elevation_m FROM sensors WHERE token_sha256 = $1 AND revoked_at IS NULL',
      [tokenDigest(token)],
    );
    return rows[0] ? toSensor(rows[0]) : undefined;
  }
}
