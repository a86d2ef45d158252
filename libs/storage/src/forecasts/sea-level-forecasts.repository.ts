// Storm-surge forecasts as received (DKSS, per gauge and model run): written by the recorder, read for charts.
import { DatabasePool } from '../database-pool';
import { readSql } from '../sql-file';

const UPSERT = readSql(__dirname, 'upsert-forecasts.sql');
const LATEST = readSql(__dirname, 'latest-forecast.sql');
const ESTIMATE_BIAS = readSql(__dirname, 'estimate-dkss-bias.sql');

/** A gauge's DKSS bias as the stored overlap says: mean and spread of observed − DKSS, from how many pairs and runs. */
export interface DkssBiasEstimate {
  stationId: string;
  biasM: number;
  spreadM: number;
  pairs: number;
  runs: number;
}

export interface StoredForecast {
  stationId: string;
  collection: string;
  /** The model run, or the fetch time when DMI gave none (`runKnown` false). */
  runTime: string;
  runKnown: boolean;
  fetchedAt: string;
  gridPoint: [number, number];
  points: { at: string; levelM: number }[];
}

/** `biasM`: the DKSS bias already added to the points (absent: 0). */
export type ForecastInput = Omit<StoredForecast, 'runTime' | 'runKnown'> & { runTime: string | null; biasM?: number };

export class SeaLevelForecastsRepository {
  constructor(private readonly db: DatabasePool) {}

  async upsert(forecasts: readonly ForecastInput[]): Promise<void> {
    if (forecasts.length === 0) return;
    await this.db.query(UPSERT, [
      forecasts.map((f) => f.stationId),
      forecasts.map((f) => f.collection),
      forecasts.map((f) => f.runTime ?? f.fetchedAt),
      forecasts.map((f) => f.runTime !== null),
      forecasts.map((f) => f.fetchedAt),
      forecasts.map((f) => JSON.stringify(f.gridPoint)),
      forecasts.map((f) => JSON.stringify([...f.points].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)))),
      forecasts.map((f) => f.biasM ?? 0),
    ]);
  }

  async latest(stationId: string, at: Date): Promise<StoredForecast | undefined> {
    const [row] = await this.db.query<{
      station_id: string;
      collection: string;
      run_time: Date;
      run_known: boolean;
      fetched_at: Date;
      grid_point: [number, number];
      points: { at: string; levelM: number }[];
    }>(LATEST, [stationId, at]);
    if (!row) return undefined;
    return {
      stationId: row.station_id,
      collection: row.collection,
      runTime: row.run_time.toISOString(),
      runKnown: row.run_known,
      fetchedAt: row.fetched_at.toISOString(),
      gridPoint: row.grid_point,
      points: row.points,
    };
  }

  /** The bias per gauge from the last `runs` runs of `collection`, their first `hours` hours (see estimate-dkss-bias.sql). */
  async estimateBias(options: { runs: number; hours: number; collection: string }): Promise<DkssBiasEstimate[]> {
    const rows = await this.db.query<{ station_id: string; bias_m: number; spread_m: number; pairs: number; runs: number }>(ESTIMATE_BIAS, [
      options.runs,
      options.hours,
      options.collection,
    ]);
    return rows.map((r) => ({ stationId: r.station_id, biasM: r.bias_m, spreadM: r.spread_m, pairs: r.pairs, runs: r.runs }));
  }
}
