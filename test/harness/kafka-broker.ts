// Picks the real Kafka broker for tests: KAFKA_BROKERS → Docker via testcontainers → the local KRaft broker script.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// Relative, not @klimavagt/messaging: jest loads global setup without the moduleNameMapper.
import { LocalKafkaBroker } from '../../libs/messaging/src/local-kafka-broker';

export interface TestKafka {
  brokers: string[];
  origin: 'env' | 'testcontainers' | 'local-script';
  stop(): Promise<void>;
}

function dockerAvailable(): boolean {
  try {
    execFileSync('docker', ['info'], { stdio: 'ignore', timeout: 5_000 });
    return true;
  } catch {
    return false;
  }
}

async function startWithTestcontainers(): Promise<TestKafka> {
  // Loaded lazily: only machines with a Docker engine take this path.
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer('apache/kafka:3.9.1')
    .withExposedPorts({ container: 9094, host: 9094 })
    .withEnvironment({
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_LISTENERS: 'PLAINTEXT://:9092,CONTROLLER://:9093,EXTERNAL://:9094',
      KAFKA_ADVERTISED_LISTENERS: 'PLAINTEXT://localhost:9092,EXTERNAL://127.0.0.1:9094',
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,EXTERNAL:PLAINTEXT',
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
    })
    .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
    .start();
  return { brokers: ['127.0.0.1:9094'], origin: 'testcontainers', stop: async () => void (await container.stop()) };
}

/** Port 0: LocalKafkaBroker probes a free pair and retries on a new one when another process took it first. */
async function startWithLocalScript(): Promise<TestKafka> {
  const dataDir = mkdtempSync(join(tmpdir(), 'klimavagt-kafka-'));
  const broker = await LocalKafkaBroker.start(dataDir, 0).catch((error: Error) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  return {
    brokers: broker.brokers,
    origin: 'local-script',
    async stop() {
      await broker.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function startTestKafka(): Promise<TestKafka> {
  const fromEnv = process.env.KAFKA_BROKERS?.trim();
  if (fromEnv) return { brokers: fromEnv.split(','), origin: 'env', stop: async () => undefined };
  if (dockerAvailable()) return startWithTestcontainers();
  return startWithLocalScript();
}
