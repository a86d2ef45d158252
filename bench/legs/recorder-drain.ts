// Leg (d): the recorder alone, draining a backlog of observations.v1 already in Kafka — its write rate when ingest
// does not limit it (in (c) the recorder waits for ingest most of the time on 2 cores).
import { Client } from 'pg';
import { ObservationsV1 } from '@klimavagt/contracts';
import { createKafka, ensureTopics, EventPublisher } from '@klimavagt/messaging';
import { uniqueName } from '../../test/harness/test-kafka';
import type { BenchConfig } from '../config';
import { CpuRoots, CpuSeconds, cpuSince, sampleCpu } from '../cpu';
import type { Dataset } from '../dataset';
import { startApp } from './app-process';
import { commitTimeline } from './commit-timeline';
import { waitForRows } from './pipeline';

export interface DrainLegResult {
  rows: number;
  /** First → last commit of the drained rows. */
  seconds: number;
  rowsPerSecond: number;
  transactions: number;
  cpu: CpuSeconds;
}

const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

export async function runRecorderDrainLeg(
  databaseUrl: string,
  brokers: string[],
  dataset: Dataset,
  config: BenchConfig,
  roots: CpuRoots,
): Promise<DrainLegResult> {
  const prefix = `${uniqueName('drain')}.`;
  const kafka = createKafka({ brokers, clientId: 'bench-drain', connectTimeoutMs: 5_000, requestTimeoutMs: 30_000 });
  await ensureTopics(
    kafka,
    ['observations.v1', 'dead-letters.v1'].map((topic) => ({ topic: prefix + topic, numPartitions: config.partitions, replicationFactor: 1 })),
  );
  const publisher = new EventPublisher(kafka, { publishTimeoutMs: 60_000, topicPrefix: prefix });
  log(`(d) loading a backlog of ${dataset.observations.length} observations`);
  for (const chunk of dataset.chunks) await publisher.publish(ObservationsV1, chunk.observations);
  await publisher.disconnect();

  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const start = performance.timeOrigin + performance.now();
  const recorder = await startApp('recorder', {
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: brokers.join(','),
    KAFKA_TOPIC_PREFIX: prefix,
    KAFKA_TOPIC_PARTITIONS: String(config.partitions),
    LOG_LEVEL: 'warn',
  });
  try {
    const cpuRoots: CpuRoots = { recorder: recorder.pid, ...roots };
    const cpuBefore = sampleCpu(cpuRoots);
    await waitForRows(db, dataset.observations.length, 300_000, 50);
    const cpu = cpuSince(cpuBefore, sampleCpu(cpuRoots));
    const commits = await commitTimeline(db, dataset.measuredFrom, start);
    const seconds = (commits.lastCommitMs - commits.firstCommitMs) / 1_000;
    return { rows: commits.rows, seconds, rowsPerSecond: commits.recorderRowsPerSecond, transactions: commits.transactions, cpu };
  } finally {
    await db.end();
    await recorder.stop();
  }
}
