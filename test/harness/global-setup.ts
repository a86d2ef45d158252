// Starts the real services the integration project needs, once per jest run, and hands their addresses to the workers.
import { startPostgresServer } from './postgres-server';
import { startTestKafka } from './kafka-broker';
import { harnessState } from './harness-state';

export default async function globalSetup(): Promise<void> {
  const kafka = await startTestKafka();
  process.env.TEST_KAFKA_BROKERS = kafka.brokers.join(',');
  harnessState.kafka = kafka;
  if (process.env.TEST_POSTGRES_URL) return;
  try {
    const postgres = await startPostgresServer();
    process.env.TEST_POSTGRES_URL = postgres.url;
    harnessState.postgres = postgres;
  } catch (error) {
    await kafka.stop();
    throw error;
  }
}
