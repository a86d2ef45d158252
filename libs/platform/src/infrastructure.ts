// Creates (and tears down) an app's connections: the shared pg pool with migrations applied, Kafka, topics, publisher.
import type { Kafka } from 'kafkajs';
import { ALL_TOPICS } from '@klimavagt/contracts';
import type { KlimavagtConfig } from '@klimavagt/config';
import { createKafka, ensureTopics, EventPublisher } from '@klimavagt/messaging';
import type { Logger } from '@klimavagt/observability';
import { DatabasePool, DatabasePoolRegistry, migrate } from '@klimavagt/storage';

/** Start-up fails fast with a clear message instead of retrying forever against a wrong address. */
export class StartupError extends Error {
  readonly retriable = false;
  constructor(
    message: string,
    readonly code: 'database-unreachable' | 'kafka-unreachable' | 'migration-failed',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StartupError';
  }
}

const migrated = new WeakMap<DatabasePool, Promise<unknown>>();

async function withDeadline<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(onTimeout()), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

export async function openDatabase(app: string, config: KlimavagtConfig, log: Logger): Promise<DatabasePool> {
  if (!config.DATABASE_URL) throw new StartupError('DATABASE_URL is not set (npm start sets it for the embedded engine)', 'database-unreachable');
  const db = DatabasePoolRegistry.acquire({
    url: config.DATABASE_URL,
    max: config.DATABASE_POOL_MAX,
    statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
    connectTimeoutMs: config.DATABASE_CONNECT_TIMEOUT_MS,
    applicationName: `klimavagt-${app}`,
    onPoolError: (error) => log.error({ err: error }, 'idle database connection failed; the pool replaces it'),
  });
  if (!migrated.has(db)) {
    migrated.set(
      db,
      migrate(db, (m) => log.info(m)).then((report) => log.info({ engine: report.engine, applied: report.applied }, 'database schema up to date')),
    );
  }
  try {
    await migrated.get(db);
  } catch (error) {
    migrated.delete(db);
    await DatabasePoolRegistry.release(db);
    const host = new URL(config.DATABASE_URL).host;
    const e = error as { code?: string; message: string };
    if (e.code === 'migration-failed' || e.code === 'migration-changed') {
      throw new StartupError(e.message, 'migration-failed', { cause: error });
    }
    throw new StartupError(`the database at ${host} is unreachable: ${e.message}`, 'database-unreachable', { cause: error });
  }
  return db;
}

export async function openKafka(app: string, config: KlimavagtConfig, log: Logger): Promise<Kafka> {
  if (!config.KAFKA_BROKERS) throw new StartupError('KAFKA_BROKERS is not set (npm start sets it for the local broker)', 'kafka-unreachable');
  const kafka = createKafka({
    brokers: config.KAFKA_BROKERS,
    clientId: `${config.KAFKA_CLIENT_ID}-${app}`,
    connectTimeoutMs: config.KAFKA_CONNECT_TIMEOUT_MS,
    requestTimeoutMs: config.KAFKA_REQUEST_TIMEOUT_MS,
    log: (level, message, extra) => log[level](extra, message),
  });
  const topics = ALL_TOPICS.map((topic) => ({
    topic: `${config.KAFKA_TOPIC_PREFIX}${topic}`,
    numPartitions: config.KAFKA_TOPIC_PARTITIONS,
    replicationFactor: config.KAFKA_REPLICATION_FACTOR,
  }));
  const startupMs = Math.max(15_000, config.KAFKA_CONNECT_TIMEOUT_MS * 3);
  await withDeadline(
    ensureTopics(kafka, topics),
    startupMs,
    () => new StartupError(`Kafka at ${config.KAFKA_BROKERS!.join(',')} is unreachable (no answer within ${startupMs} ms)`, 'kafka-unreachable'),
  ).catch((error) => {
    if (error instanceof StartupError) throw error;
    throw new StartupError(`Kafka at ${config.KAFKA_BROKERS!.join(',')} is unreachable: ${(error as Error).message}`, 'kafka-unreachable', {
      cause: error,
    });
  });
  return kafka;
}

export function createPublisher(kafka: Kafka, config: KlimavagtConfig): EventPublisher {
  return new EventPublisher(kafka, {
    publishTimeoutMs: Math.max(5_000, config.KAFKA_REQUEST_TIMEOUT_MS),
    topicPrefix: config.KAFKA_TOPIC_PREFIX,
  });
}
