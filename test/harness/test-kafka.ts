// Broker address and per-test topic names for integration tests (global-setup started the broker).
import { randomBytes } from 'node:crypto';

export function testKafkaBrokers(): string[] {
  const brokers = process.env.TEST_KAFKA_BROKERS;
  if (!brokers) throw new Error('TEST_KAFKA_BROKERS is not set: run integration tests through jest (global-setup starts Kafka)');
  return brokers.split(',');
}

/** Topics and groups are unique per test, so test files share one broker without seeing each other's data. */
export function uniqueName(prefix: string): string {
  return `${prefix}.${randomBytes(5).toString('hex')}`;
}
