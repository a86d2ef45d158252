// All reads and writes of the observations table and its rollups.
import { newestRevisionPerKey, Observation } from '@klimavagt/domain';
import { DatabasePool } from '../database-pool';
import { readSql } from '../sql-file';

const UPSERT = readSql(__dirname, 'upsert-observations.sql');
const LATEST = readSql(__dirname, 'latest-observations.sql');

/** The column arrays of upsert-observations.sql, in its parameter order (also the raw baseline of bench:pipeline). */
export function observationColumns(rows: readonly Observation[]): unknown[] {
  return [
    rows.map((o) => o.stationId),
    rows.map((o) => o.parameter),
    rows.map((o) => o.observedAt),
    rows.map((o) => o.value),
    rows.map((o) => o.unit),
    rows.map((o) => o.source),
    rows.map((o) => o.quality),
    rows.map((o) => o.createdAt),
    rows.map((o) => o.receivedAt),
  ];
}

export type SeriesResolution = 'raw' | 'hour' | 'day';

export interface SeriesPoint {
  at: string;
  value: number;
  min?: number;
  max?: number;
  samples?: number;
}

export interface LatestObservation {
  stationId: string;
  parameter: string;
  observedAt: string;
  value: number;
  unit: string;
  quality: string;
  source: string;
}

export class ObservationsRepository {
  constructor(private readonly db: DatabasePool) {}

  /**
   * One statement for the whole batch (unnest of column arrays); the newest `createdAt` of a key wins, so
   * replays and duplicates are no-ops. Returns the number of rows inserted or revised.
   */
  async upsert(observations: readonly Observation[]): Promise<number> {
    if (observations.length === 0) return 0;
    const result = await this.db.query<{ n: string }>(UPSERT, observationColumns(newestRevisionPerKey(observations)));
    return Number(result[0]?.n ?? 0);
  }

  async latest(filter: { stationId?: string; parameter?: string } = {}): Promise<LatestObservation[]> {
    const rows = await this.db.query<{
      station_id: string;
      parameter: string;
      observed_at: Date;
      value: number;
      unit: string;
      quality: string;
      source: string;
    }>(LATEST, [filter.stationId ?? null, filter.parameter ?? null]);
    return rows.map((r) => ({
      stationId: r.station_id,
      parameter: r.parameter,
      observedAt: r.observed_at.toISOString(),
      value: r.value,
      unit: r.unit,
      quality: r.quality,
      source: r.source,
    }));
  }

  /** Raw values, or hourly/daily rollups (continuous aggregates on TimescaleDB, views on plain PostgreSQL). */
  async series(query: {
    stationId: string;
    parameter: string;
    from: Date;
    to: Date;
    resolution: SeriesResolution;
    limit: number;
  }): Promise<SeriesPoint[]> {
    const params = [query.stationId, query.parameter, query.from, query.to, query.limit];
    if (query.resolution === 'raw') {
      const rows = await this.db.query<{ observed_at: Date; value: number }>(
        `SELECT observed_at, value FROM observations
          WHERE station_id = $1 AND parameter = $2 AND observed_at >= $3 AND observed_at < $4
          ORDER BY observed_at LIMIT $5`,
        params,
      );
      return rows.map((r) => ({ at: r.observed_at.toISOString(), value: r.value }));
    }
    const view = query.resolution === 'hour' ? 'observations_hourly' : 'observations_daily';
    const rows = await this.db.query<{ bucket: Date; avg_value: number; min_value: number; max_value: number; samples: string }>(
      `SELECT bucket, avg_value, min_value, max_value, samples FROM ${view}
        WHERE station_id = $1 AND parameter = $2 AND bucket >= $3 AND bucket < $4
        ORDER BY bucket LIMIT $5`,
      params,
    );
    return rows.map((r) => ({
      at: r.bucket.toISOString(),
      value: r.avg_value,
      min: r.min_value,
      max: r.max_value,
      samples: Number(r.samples),
    }));
  }

  /** Full observations of some stations and parameters in [from, to), oldest first: a zone's history for a backtest. */
  async history(query: { stationIds: string[]; parameters: string[]; from: Date; to: Date; limit: number }): Promise<Observation[]> {
    const rows = await this.db.query<{
      station_id: string;
      parameter: Observation['parameter'];
      observed_at: Date;
      value: number;
      unit: Observation['unit'];
      source: Observation['source'];
      quality: Observation['quality'];
      created_at: Date;
      received_at: Date;
    }>(
      `SELECT station_id, parameter, observed_at, value, unit, source, quality, created_at, received_at FROM observations
        WHERE station_id = ANY($1::text[]) AND parameter = ANY($2::text[]) AND observed_at >= $3 AND observed_at < $4
        ORDER BY observed_at, station_id, parameter LIMIT $5`,
      [query.stationIds, query.parameters, query.from, query.to, query.limit],
    );
    return rows.map((r) => ({
      stationId: r.station_id,
      parameter: r.parameter,
      observedAt: r.observed_at.toISOString(),
      value: r.value,
      unit: r.unit,
      source: r.source,
      quality: r.quality,
      createdAt: r.created_at.toISOString(),
      receivedAt: r.received_at.toISOString(),
    }));
  }

  /** Each station's newest value of each parameter at or before `at` (not older than `maxAgeMs`): a map's state then. */
  async valuesAt(at: Date, parameters: readonly string[], maxAgeMs: number): Promise<{ stationId: string; parameter: string; observedAt: string; value: number }[]> {
    const rows = await this.db.query<{ station_id: string; parameter: string; observed_at: Date; value: number }>(
      `SELECT DISTINCT ON (station_id, parameter) station_id, parameter, observed_at, value FROM observations
        WHERE parameter = ANY($1::text[]) AND observed_at <= $2 AND observed_at > $3
        ORDER BY station_id, parameter, observed_at DESC`,
      [parameters, at, new Date(at.getTime() - maxAgeMs)],
    );
    return rows.map((r) => ({ stationId: r.station_id, parameter: r.parameter, observedAt: r.observed_at.toISOString(), value: r.value }));
  }

  async count(): Promise<number> {
    const rows = await this.db.query<{ n: string }>('SELECT count(*) AS n FROM observations');
    return Number(rows[0].n);
  }
}
