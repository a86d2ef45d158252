// Starts the real services the integration project needs, once per jest run, and hands their addresses to the workers.
import { startPostgresServer } from './postgres-server';
import { startTestKafka } from './kafka-broker';
import { harnessState } from './harness-state';
import { freePort } from './free-port';

export default async function globalSetup(): Promise<void> {
  const kafka = await startTestKafka(await freePort(2));
  process.env.TEST_KAFKA_BROKERS = kafka.brokers.join(',');
  harnessState.kafka = kafka;
  if (process.env.TEST_POSTGRES_URL) return;
  try {
    const postgres = startPostgresServer(await freePort());
    process.env.TEST_POSTGRES_URL = postgres.url;
    harnessState.postgres = postgres;
  } catch (error) {
    await kafka.stop();
    throw error;
  }
}
