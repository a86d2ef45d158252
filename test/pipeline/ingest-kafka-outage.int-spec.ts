// When Kafka is unreachable, sensor pushes get 503 (never a 2xx for data that is not stored) and ingest stays up.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalKafkaBroker } from '@klimavagt/messaging';
import { createTestDatabase, RunningIngest, startIngest, TestDatabase } from '@klimavagt/test-harness';

describe('ingest during a Kafka outage', () => {
  let dataDir: string;
  let broker: LocalKafkaBroker | undefined;
  let t: TestDatabase;
  let ingest: RunningIngest;
  let token: string;

  beforeAll(async () => {
    // A broker of its own, so stopping it does not disturb the other test files.
    dataDir = mkdtempSync(join(tmpdir(), 'klimavagt-kafka-'));
    // Port 0: a free pair is picked, and picked again if another process takes it first.
    broker = await LocalKafkaBroker.start(dataDir, 0);
    t = await createTestDatabase('postgres');
    ingest = await startIngest(t.url, {
      KAFKA_BROKERS: broker.brokers.join(','),
      KAFKA_CONNECT_TIMEOUT_MS: '1000',
      KAFKA_REQUEST_TIMEOUT_MS: '5000',
    });
    token = await ingest.registerSensor({ sensorId: 'assens-havn-01', name: 'Assens Havn', location: [9.8897, 55.2706] });
  });
  afterAll(async () => {
    await ingest?.app.close();
    await t?.close();
    await broker?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const push = () =>
    fetch(`${ingest.url}/v1/sensors/observations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify([{ stationId: 'assens-havn-01', parameter: 'sea_level', observedAt: new Date().toISOString(), value: 1.2, unit: 'm' }]),
    });

  it('answers 202 while Kafka is up, 503 with a reason once it is down, and stays live', async () => {
    expect((await push()).status).toBe(202);
    await broker!.stop();
    broker = undefined;

    const started = Date.now();
    const response = await push();
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: 'kafka-unavailable', message: expect.stringMatching(/retry later/) });
    expect(Date.now() - started).toBeLessThan(30_000);

    const ready = await fetch(`${ingest.url}/health/ready`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { error: Record<string, unknown> }).error).toHaveProperty('kafka');
    expect((await fetch(`${ingest.url}/health/live`)).status).toBe(200);
  });
});
