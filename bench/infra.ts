// The real services under the bench: Debian PostgreSQL in a temp dir and a Kafka 3.9 broker; fresh migrated databases.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { LocalKafkaBroker } from '@klimavagt/messaging';
import { DatabasePool, migrate } from '@klimavagt/storage';
import { startTestKafka } from '../test/harness/kafka-broker';
import { startPostgresServer } from '../test/harness/postgres-server';
import { REPO_ROOT } from './paths';
import { onTeardown } from './teardown';

export interface BenchKafka {
  brokers: string[];
  origin: string;
  version: string;
  /** The broker's JVM, when the bench started it (for CPU accounting). */
  pid?: number;
}

export interface BenchPostgres {
  adminUrl: string;
  version: string;
  /** The postmaster (its backends are its children). */
  pid: number;
  /** A new database with the real migrations applied; dropped with the server at teardown. */
  freshDatabase(name: string): Promise<string>;
}

const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

export function kafkaJarVersion(): string {
  const jar = readdirSync(join(REPO_ROOT, 'infra/kafka/target/libs'), { withFileTypes: true })
    .map((e) => /^kafka_[\d.]+-([\d.]+)\.jar$/.exec(e.name))
    .find(Boolean);
  return jar?.[1] ?? 'unknown';
}

/**
 * KAFKA_BROKERS when set (through the harness's startTestKafka), else infra/kafka/broker.sh on a free loopback
 * port pair (LocalKafkaBroker: probed, retried on a new pair when taken). Docker is skipped on purpose: it
 * would pull an image over the network and bind a fixed host port.
 */
export async function startKafka(): Promise<BenchKafka> {
  if (process.env.KAFKA_BROKERS?.trim()) {
    const external = await startTestKafka();
    return { brokers: external.brokers, origin: 'KAFKA_BROKERS (external)', version: 'external' };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'klimavagt-bench-kafka-'));
  const broker = new LocalKafkaBroker(dataDir);
  onTeardown('Kafka broker', async () => {
    await broker.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  log('starting Kafka (infra/kafka/broker.sh) on a free loopback port');
  await broker.start(0);
  log(`Kafka on ${broker.brokers.join(',')}`);
  return {
    brokers: broker.brokers,
    origin: 'local KRaft broker (infra/kafka/broker.sh)',
    version: kafkaJarVersion(),
    pid: Number(readFileSync(join(dataDir, 'broker.pid'), 'utf8').trim()),
  };
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function migrated(url: string, poolMax = 2): Promise<void> {
  const db = new DatabasePool({
    url,
    max: poolMax,
    statementTimeoutMs: 60_000,
    connectTimeoutMs: 10_000,
    applicationName: 'klimavagt-bench',
  });
  try {
    await migrate(db);
  } finally {
    await db.end();
  }
}

/**
 * Debian's PostgreSQL through the harness (temp data dir, fsync off as in the tests), restarted once with
 * track_commit_timestamp on so leg (c) can read each row's exact commit time; stopped and removed at teardown.
 */
export async function startPostgres(): Promise<BenchPostgres> {
  log('starting PostgreSQL (Debian, temp data dir) on a free loopback port');
  const server = await startPostgresServer();
  log(`PostgreSQL on ${new URL(server.url).host}`);
  onTeardown('PostgreSQL', () => server.stop());
  await withClient(server.url, (c) => c.query('ALTER SYSTEM SET track_commit_timestamp = on'));
  server.pause();
  server.resume();
  const version = await withClient(server.url, async (c) => {
    const on = (await c.query<{ track_commit_timestamp: string }>('SHOW track_commit_timestamp')).rows[0]
      .track_commit_timestamp;
    if (on !== 'on') throw new Error('track_commit_timestamp did not turn on');
    return (await c.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version;
  });
  const pid = Number(readFileSync(join(server.dataDir, 'data/postmaster.pid'), 'utf8').split('\n')[0]);
  return {
    adminUrl: server.url,
    version,
    pid,
    async freshDatabase(name) {
      await withClient(server.url, (c) => c.query(`CREATE DATABASE ${name}`));
      const url = withDatabase(server.url, name);
      await migrated(url);
      return url;
    },
  };
}
