import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Observation } from '@klimavagt/domain';
import { createTestDatabase, poolOptions, TEST_ENGINES, TestDatabase } from '@klimavagt/test-harness';
import { DatabasePool } from './database-pool';
import { EmbeddedTimescaleDb } from './embedded/embedded-timescaledb';
import { ObservationsRepository } from './observations/observations.repository';
import { FeedCursorsRepository } from './feed-cursors/feed-cursors.repository';
import { migrate } from './migrations/migration-runner';

function seaLevel(observedAt: string, value: number, createdAt = observedAt): Observation {
  return {
    stationId: '9020201',
    parameter: 'sea_level',
    observedAt,
    value,
    unit: 'm',
    source: 'dmi-oceanobs',
    quality: 'ok',
    createdAt,
    receivedAt: createdAt,
  };
}

describe.each(TEST_ENGINES)('storage on %s', (engine) => {
  let t: TestDatabase;
  let observations: ObservationsRepository;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    observations = new ObservationsRepository(t.db);
  });
  afterAll(() => t?.close());

  it('detects its engine and re-running the migrations applies nothing', async () => {
    expect(await t.db.engine()).toBe(engine === 'postgres' ? 'postgres' : 'timescaledb');
    const again = await migrate(t.db);
    expect(again.applied).toEqual([]);
  });

  it('upserts a batch idempotently: the same batch twice leaves one row per key', async () => {
    const batch = [seaLevel('2023-10-20T18:00:00Z', 1.61), seaLevel('2023-10-20T18:10:00Z', 1.7)];
    expect(await observations.upsert(batch)).toBe(2);
    expect(await observations.upsert(batch)).toBe(0);
    const rows = await t.db.query<{ n: string }>("SELECT count(*) n FROM observations WHERE station_id = '9020201'");
    expect(Number(rows[0].n)).toBe(2);
  });

  it('keeps the newest provider revision of a key, whatever the arrival order', async () => {
    const at = '2023-10-20T19:00:00.000Z';
    await observations.upsert([seaLevel(at, 1.8, '2023-10-20T19:05:00Z')]);
    await observations.upsert([seaLevel(at, 1.75, '2023-10-20T19:01:00Z')]); // older revision arrives late
    await observations.upsert([seaLevel(at, 1.82, '2023-10-20T19:09:00Z'), seaLevel(at, 1.81, '2023-10-20T19:08:00Z')]);
    const series = await observations.series({
      stationId: '9020201',
      parameter: 'sea_level',
      from: new Date(at),
      to: new Date('2023-10-20T19:00:01Z'),
      resolution: 'raw',
      limit: 10,
    });
    expect(series).toEqual([{ at, value: 1.82 }]);
  });

  it('answers the latest value per station and parameter', async () => {
    const latest = await observations.latest({ stationId: '9020201' });
    expect(latest).toHaveLength(1);
    expect(latest[0]).toMatchObject({ parameter: 'sea_level', observedAt: '2023-10-20T19:00:00.000Z', value: 1.82 });
  });

  it('serves hourly rollups', async () => {
    const hourly = await observations.series({
      stationId: '9020201',
      parameter: 'sea_level',
      from: new Date('2023-10-20T18:00:00Z'),
      to: new Date('2023-10-20T20:00:00Z'),
      resolution: 'hour',
      limit: 10,
    });
    expect(hourly.map((p) => [p.at, p.max, p.samples])).toEqual([
      ['2023-10-20T18:00:00.000Z', 1.7, 2],
      ['2023-10-20T19:00:00.000Z', 1.82, 1],
    ]);
  });

  it('takes a statement far larger than 64 KiB in one piece (a 5,000-row recorder batch)', async () => {
    const batch = Array.from({ length: 5_000 }, (_, i) =>
      seaLevel(new Date(Date.UTC(2022, 0, 1) + i * 600_000).toISOString(), Math.round(i % 300) / 100),
    );
    expect(await observations.upsert(batch)).toBe(5_000);
    const rows = await t.db.query<{ n: string }>("SELECT count(*) n FROM observations WHERE observed_at < '2023-01-01'");
    expect(Number(rows[0].n)).toBe(5_000);
  });

  it('advances a feed cursor forward only', async () => {
    const cursors = new FeedCursorsRepository(t.db);
    await cursors.advance('dmi-oceanobs', new Date('2023-10-20T10:00:00Z'));
    await cursors.advance('dmi-oceanobs', new Date('2023-10-20T09:00:00Z'));
    expect((await cursors.get('dmi-oceanobs'))?.toISOString()).toBe('2023-10-20T10:00:00.000Z');
  });
});

describe('TimescaleDB features on the embedded engine', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase('timescaledb-embedded');
  });
  afterAll(() => t?.close());

  it('makes observations a hypertable, queries time_bucket and refreshes the continuous aggregate', async () => {
    const hypertables = await t.db.query<{ hypertable_name: string }>(
      'SELECT hypertable_name FROM timescaledb_information.hypertables',
    );
    expect(hypertables.map((h) => h.hypertable_name)).toContain('observations');

    await new ObservationsRepository(t.db).upsert(
      Array.from({ length: 12 }, (_, i) =>
        seaLevel(new Date(Date.UTC(2023, 9, 20, 20, i * 10)).toISOString(), 1.5 + i / 100),
      ),
    );
    const buckets = await t.db.query<{ bucket: Date; n: string }>(
      "SELECT time_bucket('1 hour', observed_at) AS bucket, count(*) AS n FROM observations WHERE observed_at >= '2023-10-20T20:00Z' GROUP BY 1 ORDER BY 1",
    );
    expect(buckets.map((b) => [b.bucket.toISOString(), Number(b.n)])).toEqual([
      ['2023-10-20T20:00:00.000Z', 6],
      ['2023-10-20T21:00:00.000Z', 6],
    ]);

    await t.db.query("CALL refresh_continuous_aggregate('observations_hourly', '2023-10-20', '2023-10-21')");
    const materialized = await t.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM _timescaledb_catalog.continuous_agg ca
         JOIN _timescaledb_catalog.hypertable h ON h.id = ca.mat_hypertable_id
         JOIN LATERAL (SELECT 1) x ON true WHERE ca.user_view_name = 'observations_hourly'`,
    );
    expect(Number(materialized[0].n)).toBe(1);
    const fromAggregate = await t.db.query<{ samples: string }>(
      "SELECT samples FROM observations_hourly WHERE bucket = '2023-10-20T21:00Z' AND station_id = '9020201'",
    );
    expect(Number(fromAggregate[0].samples)).toBe(6);
  });
});

describe('the embedded engine reopening a data folder', () => {
  it('writes to the hypertable (with its continuous aggregates) after a stop and a start on the same folder', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'klimavagt-embedded-reopen-'));
    const runs = async (first: number) => {
      const engine = await EmbeddedTimescaleDb.start({ dataDir, port: 0 });
      const db = new DatabasePool(poolOptions(engine.url, 1));
      try {
        await migrate(db);
        const batch = Array.from({ length: 6 }, (_, i) => seaLevel(new Date(Date.UTC(2023, 9, 21, 0, (first + i) * 10)).toISOString(), 1 + i / 100));
        expect(await new ObservationsRepository(db).upsert(batch)).toBe(6);
        const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM observations');
        return row.n;
      } finally {
        await db.end();
        await engine.stop();
      }
    };
    try {
      expect(await runs(0)).toBe(6);
      // Reopened: before the fix every write was refused (continuous_agg_invalidation_trigger, "timescale" license).
      expect(await runs(6)).toBe(12);
      expect(await runs(12)).toBe(18);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
