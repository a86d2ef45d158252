// Leg (b): raw `pg` bulk upsert of the dataset's rows with the recorder's own statement (unnest … ON CONFLICT), no recorder.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import type { Observation } from '@klimavagt/domain';
import { EmbeddedTimescaleDb, observationColumns } from '@klimavagt/storage';
import { CpuRoots, CpuSeconds, cpuSince, sampleCpu } from '../cpu';
import { migrated } from '../infra';
import { DIST } from '../paths';
import { onTeardown } from '../teardown';

export interface PgLegResult {
  engine: string;
  batchSize: number;
  statements: number;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  cpu: CpuSeconds;
}

/** The very file ObservationsRepository.upsert runs (copied into dist by `npm run build`). */
const UPSERT = readFileSync(join(DIST, 'libs/storage/src/observations/upsert-observations.sql'), 'utf8');

function batches(rows: readonly Observation[], size: number): unknown[][] {
  const out: unknown[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(observationColumns(rows.slice(i, i + size)));
  return out;
}

/** Sequential statements on one connection, as one recorder partition writes; warm-up rows are truncated away first. */
export async function runPgLeg(
  url: string,
  engine: string,
  rows: readonly Observation[],
  batchSize: number,
  roots: CpuRoots,
): Promise<PgLegResult> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  client.on('error', () => undefined); // a dropped connection also fails the pending query, which reports it
  await client.connect();
  try {
    const warm = batches(
      rows
        .slice(0, Math.min(rows.length, batchSize * 3))
        .map((o) => ({ ...o, stationId: `warm-${o.stationId}` })),
      batchSize,
    );
    for (const values of warm) await client.query(UPSERT, values);
    await client.query('TRUNCATE observations');

    const work = batches(rows, batchSize);
    let written = 0;
    const cpuBefore = sampleCpu(roots);
    const start = performance.now();
    for (const values of work)
      written += Number((await client.query<{ n: string }>(UPSERT, values)).rows[0].n);
    const seconds = (performance.now() - start) / 1_000;
    const cpu = cpuSince(cpuBefore, sampleCpu(roots));
    if (written !== rows.length) throw new Error(`(b) ${engine}: wrote ${written} of ${rows.length} rows`);
    return {
      engine,
      batchSize,
      statements: work.length,
      rows: written,
      seconds,
      rowsPerSecond: written / seconds,
      cpu,
    };
  } finally {
    await client.end();
  }
}

async function onEmbeddedEngine(
  rows: readonly Observation[],
  batchSize: number,
  roots: CpuRoots,
): Promise<PgLegResult> {
  const server = await EmbeddedTimescaleDb.start({ port: 0 });
  const release = onTeardown('embedded TimescaleDB', async () => void (await server.stop()));
  try {
    await migrated(server.url, 1);
    return await runPgLeg(server.url, 'timescaledb-embedded', rows, batchSize, roots);
  } finally {
    await release();
  }
}

/**
 * The largest batch the embedded engine takes: pglite-socket hands each socket read (≤ 64 KiB) to PGlite as one
 * protocol message, so a Bind message over 64 KiB (≈ 455 observations) drops the connection.
 */
export const EMBEDDED_SAFE_BATCH = 400;

/** (b) on the embedded TimescaleDB engine (PGlite, one connection, own child process); if `batchSize` fails, again at a size it takes. */
export async function runEmbeddedPgLeg(
  rows: readonly Observation[],
  batchSize: number,
  roots: CpuRoots,
): Promise<PgLegResult & { failedAtBatch?: { batch: number; error: string } }> {
  try {
    return await onEmbeddedEngine(rows, batchSize, roots);
  } catch (error) {
    if (batchSize <= EMBEDDED_SAFE_BATCH) throw error;
    const failedAtBatch = { batch: batchSize, error: (error as Error).message };
    return { ...(await onEmbeddedEngine(rows, EMBEDDED_SAFE_BATCH, roots)), failedAtBatch };
  }
}
