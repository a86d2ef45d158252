// Leg (c): HTTP batch ingest → Kafka → recorder → committed rows, with the compiled ingest and recorder apps as child processes.
import { Client } from 'pg';
import { uniqueName } from '../../test/harness/test-kafka';
import type { BenchConfig } from '../config';
import { CpuRoots, CpuSeconds, cpuSince, sampleCpu } from '../cpu';
import { Dataset, warmupChunks } from '../dataset';
import { percentile, sleep } from '../util';
import { startApp } from './app-process';
import { postAll, registerSensors, requestsFor } from './ingest-client';
import { RecorderCounters, scrapeRecorder, since } from './recorder-metrics';
import { commitTimeline, CommitTimeline } from './commit-timeline';

export interface PipelineLegResult {
  rows: number;
  /** First POST → last row committed (its commit timestamp). */
  seconds: number;
  rowsPerSecond: number;
  requests: number;
  /** First POST → last 202. */
  postSeconds: number;
  httpP50Ms: number;
  httpP99Ms: number;
  /** /metrics deltas over the measured window. */
  recorder: RecorderCounters & { metricsRowsPerSecond: number; meanBatch: number; meanWriteMs: number };
  commits: CommitTimeline;
  cpu: CpuSeconds;
}

const ADMIN_TOKEN = 'bench-admin-token-0123456789';
const log = (line: string) => process.stderr.write(`bench: ${line}\n`);
const epochMs = () => performance.timeOrigin + performance.now();

export async function waitForRows(
  db: Client,
  expected: number,
  timeoutMs: number,
  intervalMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const n = Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM observations')).rows[0].n);
    if (n >= expected) return;
    if (Date.now() > deadline)
      throw new Error(`only ${n} of ${expected} rows were committed within ${timeoutMs} ms`);
    await sleep(intervalMs);
  }
}

export async function runPipelineLeg(
  databaseUrl: string,
  brokers: string[],
  dataset: Dataset,
  config: BenchConfig,
  roots: CpuRoots,
): Promise<PipelineLegResult> {
  const env = {
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: brokers.join(','),
    KAFKA_TOPIC_PREFIX: `${uniqueName('bench')}.`,
    KAFKA_TOPIC_PARTITIONS: String(config.partitions),
    LOG_LEVEL: 'warn',
    DMI_POLL_ENABLED: 'false',
    ADMIN_TOKEN,
  };
  log('(c) starting the ingest and recorder apps as child processes');
  const [ingest, recorder] = await Promise.all([
    startApp('ingest', env),
    startApp('recorder', env),
  ]);
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const tokens = await registerSensors(ingest.url, ADMIN_TOKEN, dataset.stations);
    const warm = warmupChunks(dataset.stations, 500, config.batch);
    await postAll(ingest.url, requestsFor(warm, tokens), config.clients);
    const warmRows = warm.reduce((n, c) => n + c.observations.length, 0);
    await waitForRows(db, warmRows, 60_000, 100);

    const requests = requestsFor(dataset.chunks, tokens);
    const n = dataset.observations.length;
    const cpuRoots: CpuRoots = { ingest: ingest.pid, recorder: recorder.pid, ...roots };
    const metricsBefore = await scrapeRecorder(recorder.url);
    log(`(c) posting ${n} observations in ${requests.length} requests with ${config.clients} clients`);
    const cpuBefore = sampleCpu(cpuRoots);
    const start = epochMs();
    const latencies = await postAll(ingest.url, requests, config.clients);
    const postSeconds = (epochMs() - start) / 1_000;
    // Nothing can be complete before the last 202, so the database is only polled for the tail; the end time itself
    // comes from the rows' commit timestamps, not from the polling.
    await waitForRows(db, warmRows + n, 300_000, 50);
    const cpuAfter = sampleCpu(cpuRoots);
    const delta = since(metricsBefore, await scrapeRecorder(recorder.url));
    const commits = await commitTimeline(db, dataset.measuredFrom, start);
    if (commits.rows !== n) throw new Error(`(c) expected ${n} measured rows, found ${commits.rows}`);
    const seconds = (commits.lastCommitMs - start) / 1_000;
    return {
      rows: n,
      seconds,
      rowsPerSecond: n / seconds,
      requests: requests.length,
      postSeconds,
      httpP50Ms: percentile(latencies, 50),
      httpP99Ms: percentile(latencies, 99),
      recorder: {
        ...delta,
        metricsRowsPerSecond: delta.rowsWritten / delta.writeSeconds,
        meanBatch: delta.batchMessages / delta.batches,
        meanWriteMs: (delta.writeSeconds / delta.writes) * 1_000,
      },
      commits,
      cpu: cpuSince(cpuBefore, cpuAfter),
    };
  } finally {
    await db.end();
    await Promise.all([ingest.stop(), recorder.stop()]);
  }
}
