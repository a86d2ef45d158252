// `npm start` restarted on the same data: every observation ingest acknowledged (202) before and after a
// clean stop, or a SIGKILL of the whole process group mid-push, is stored, and none is dead-lettered — on the
// embedded TimescaleDB engine (a reopened data folder) and on PostgreSQL (DATABASE_URL).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Admin } from 'kafkajs';
import { createKafka } from '@klimavagt/messaging';
import {
  createTestDatabase,
  expectEventually,
  killProcessGroup,
  ServiceProcess,
  spawnService,
  TEST_ADMIN_TOKEN,
  testKafkaBrokers,
  TestDatabase,
  uniqueName,
} from '@klimavagt/test-harness';
import { freePort } from '../harness/free-port';

const TEST_TIMEOUT_MS = 600_000;
const PER_RUN = 1_200; // observations pushed per run of the service
const PER_REQUEST = 100;
const STATION = 'restart-gauge-01';
const BASE = Date.UTC(2024, 0, 1);
/** Inland (Odense), low values: no zone judges it, so the evaluator and alerting stay quiet. */
const SENSOR = { sensorId: STATION, name: 'Restart test gauge', location: [10.3883, 55.3959], levelParameter: 'sea_level', elevationM: 3 };

const APPS = ['api', 'ingest', 'recorder', 'evaluator', 'alerting'] as const;
type Engine = 'timescaledb-embedded' | 'postgres';

interface Setup {
  env: Record<string, string>;
  ports: Record<(typeof APPS)[number], number>;
  prefix: string;
  cleanup: () => Promise<void>;
}

async function setUp(engine: Engine): Promise<Setup> {
  const dataDir = mkdtempSync(join(tmpdir(), 'klimavagt-restart-'));
  const prefix = `${uniqueName('t')}.`;
  const ports = {} as Setup['ports'];
  for (const app of APPS) ports[app] = await freePort();
  let database: TestDatabase | undefined;
  const env: Record<string, string> = {
    KAFKA_BROKERS: testKafkaBrokers().join(','),
    KAFKA_TOPIC_PREFIX: prefix,
    KLIMAVAGT_DATA_DIR: dataDir,
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    CONSUMER_MAX_ATTEMPTS: '3',
    ...Object.fromEntries(APPS.map((app) => [`${app.toUpperCase()}_PORT`, String(ports[app])])),
  };
  if (engine === 'postgres') {
    database = await createTestDatabase('postgres');
    env.DATABASE_URL = database.url;
  } else {
    env.EMBEDDED_DB_PORT = String(await freePort());
  }
  return {
    env,
    ports,
    prefix,
    async cleanup() {
      await database?.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function start(setup: Setup, running: ServiceProcess[]): Promise<ServiceProcess> {
  const service = spawnService('launcher/main.js', setup.env, { processGroup: true });
  running.push(service);
  await expectEventually(
    () => {
      if (service.child.exitCode === null) expect(service.output()).toContain('Klimavagt is running');
    },
    { timeoutMs: 180_000, intervalMs: 250 },
  );
  if (service.child.exitCode !== null) throw new Error(`the launcher exited (${service.child.exitCode}): ${service.output()}`);
  return service;
}

async function sensorToken(setup: Setup): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${setup.ports.ingest}/v1/admin/sensors`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    body: JSON.stringify(SENSOR),
  });
  // 409 = registered before the restart: the token is kept from then.
  if (response.status !== 201) throw new Error(`sensor registration failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

const observedAt = (i: number) => new Date(BASE + i * 60_000).toISOString();

/**
 * Pushes observations [from, to) in requests of PER_REQUEST; returns the observation times ingest acknowledged
 * (202). With `stopAfter`, stops sending once that many are acknowledged and calls it (the kill) while the
 * next request is in flight.
 */
async function push(setup: Setup, token: string, from: number, to: number, kill?: { after: number; then: () => Promise<void> }): Promise<string[]> {
  const acknowledged: string[] = [];
  for (let i = from; i < to; i += PER_REQUEST) {
    const items = Array.from({ length: Math.min(PER_REQUEST, to - i) }, (_, k) => ({
      stationId: STATION,
      parameter: 'sea_level',
      observedAt: observedAt(i + k),
      value: 20 + ((i + k) % 30),
      unit: 'cm',
    }));
    const request = fetch(`http://127.0.0.1:${setup.ports.ingest}/v1/sensors/observations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ observations: items }),
    }).then(async (response) => ({ status: response.status, body: (await response.json()) as { accepted?: number } }));
    if (kill && acknowledged.length >= kill.after) {
      const cutOff = request.catch(() => undefined); // cut off mid-flight: not counted as acknowledged
      await kill.then();
      await cutOff;
      return acknowledged;
    }
    const { status, body } = await request;
    expect({ status, accepted: body.accepted }).toEqual({ status: 202, accepted: items.length });
    acknowledged.push(...items.map((o) => o.observedAt));
  }
  return acknowledged;
}

/** The stored observation times of the gauge, through the API's series endpoint. */
async function stored(setup: Setup): Promise<Set<string>> {
  const query = new URLSearchParams({
    stationId: STATION,
    parameter: 'sea_level',
    from: new Date(BASE - 60_000).toISOString(),
    to: new Date(BASE + 10 * PER_RUN * 60_000).toISOString(),
    resolution: 'raw',
    limit: '100000',
  });
  const response = await fetch(`http://127.0.0.1:${setup.ports.api}/v1/observations/series?${query}`);
  expect(response.status).toBe(200);
  const body = (await response.json()) as { points: { at: string }[] };
  return new Set(body.points.map((p) => p.at));
}

async function stopCleanly(service: ServiceProcess): Promise<void> {
  service.child.kill('SIGTERM');
  expect(await service.exited).toBe(0);
  expect(service.output()).toMatch(/Klimavagt stopped in [\d.]+ s\./);
}

describe.each<Engine>(['timescaledb-embedded', 'postgres'])('npm start restarted on the same data (%s)', (engine) => {
  let setup: Setup;
  const running: ServiceProcess[] = [];
  let admin: Admin;

  beforeAll(async () => {
    admin = createKafka({ brokers: testKafkaBrokers(), clientId: 'restart-test', connectTimeoutMs: 5_000, requestTimeoutMs: 30_000 }).admin();
    await admin.connect();
  });
  afterAll(() => admin?.disconnect());
  beforeEach(async () => {
    setup = await setUp(engine);
  });
  afterEach(async () => {
    for (const service of running.splice(0)) await killProcessGroup(service);
    await setup?.cleanup();
  });

  /** Records ever written to this test's dead-letter topic (the apps created it at start). */
  async function deadLettered(): Promise<number> {
    const ends = await admin.fetchTopicOffsets(`${setup.prefix}dead-letters.v1`);
    return ends.reduce((sum, p) => sum + Number(p.high), 0);
  }

  /** Everything acknowledged is stored (eventually), nothing else is, and nothing was dead-lettered. */
  async function expectAllStored(acknowledged: string[], pushedUpTo: number): Promise<void> {
    await expectEventually(
      async () => {
        const rows = await stored(setup);
        expect(acknowledged.filter((at) => !rows.has(at))).toEqual([]);
      },
      { timeoutMs: 240_000, intervalMs: 1_000 },
    );
    const rows = await stored(setup);
    const pushed = new Set(Array.from({ length: pushedUpTo }, (_, i) => observedAt(i)));
    expect([...rows].filter((at) => !pushed.has(at))).toEqual([]);
    expect(await deadLettered()).toBe(0);
  }

  it(
    'a clean stop (SIGTERM) and a start: every acknowledged observation of both runs is stored, none dead-lettered',
    async () => {
      const first = await start(setup, running);
      const token = await sensorToken(setup);
      const before = await push(setup, token, 0, PER_RUN);
      await expectAllStored(before, PER_RUN); // written before the stop, so the next run reopens a used database
      await stopCleanly(first);

      await start(setup, running);
      const after = await push(setup, token, PER_RUN, 2 * PER_RUN);
      await expectAllStored([...before, ...after], 2 * PER_RUN);
      expect((await stored(setup)).size).toBe(2 * PER_RUN);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'a SIGKILL of the whole process group mid-push and a start: every acknowledged observation is stored, none dead-lettered',
    async () => {
      const first = await start(setup, running);
      const token = await sensorToken(setup);
      const before = await push(setup, token, 0, PER_RUN, { after: PER_RUN / 2, then: () => killProcessGroup(first) });
      expect(before.length).toBeGreaterThanOrEqual(PER_RUN / 2);
      expect(before.length).toBeLessThan(PER_RUN);

      await start(setup, running);
      const after = await push(setup, token, PER_RUN, 2 * PER_RUN);
      await expectAllStored([...before, ...after], 2 * PER_RUN);
    },
    TEST_TIMEOUT_MS,
  );
});
