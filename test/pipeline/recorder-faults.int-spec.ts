// The recorder (compiled, as a child process) against the real broker and a real PostgreSQL under faults:
// replays, a SIGKILL mid-batch, a database outage and malformed records. Every test has its own topic prefix.
import type { Admin, Kafka } from 'kafkajs';
import { Client } from 'pg';
import type { Observation } from '@klimavagt/domain';
import { DeadLettersV1, DeadLetterV1, ObservationsV1 } from '@klimavagt/contracts';
import { createKafka, ensureTopics, EventPublisher } from '@klimavagt/messaging';
import { DatabasePool } from '@klimavagt/storage';
import {
  createTestDatabase,
  expectEventually,
  poolOptions,
  reportedPort,
  ServiceProcess,
  spawnService,
  testKafkaBrokers,
  uniqueName,
} from '@klimavagt/test-harness';
import { PostgresServer, startPostgresServer } from '../harness/postgres-server';

const TEST_TIMEOUT_MS = 180_000;
const PARTITIONS = 6;
const STATIONS = 50;
const BASE = Date.parse('2025-01-10T00:00:00.000Z');
const REVISION = { older: '2025-01-11T00:00:00.000Z', first: '2025-01-12T00:00:00.000Z', newer: '2025-01-13T00:00:00.000Z' };

/** Observation number i: station i % 50, one minute apart per station; value i / 1000 unless revised. */
function observation(i: number, createdAt = REVISION.first, value = i / 1000): Observation {
  return {
    stationId: `st-${i % STATIONS}`,
    parameter: 'sea_level',
    observedAt: new Date(BASE + Math.floor(i / STATIONS) * 60_000).toISOString(),
    value,
    unit: 'm',
    source: 'replay',
    quality: 'ok',
    createdAt,
    receivedAt: createdAt,
  };
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs after each test, newest first: recorders are killed before their databases go. */
const cleanups: (() => Promise<unknown> | unknown)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

let kafka: Kafka;
let admin: Admin;

beforeAll(async () => {
  kafka = createKafka({ brokers: testKafkaBrokers(), clientId: 'recorder-faults-test', connectTimeoutMs: 5_000, requestTimeoutMs: 30_000 });
  admin = kafka.admin();
  await admin.connect();
});

afterAll(async () => {
  await admin.disconnect();
});

/** A fresh prefix with both topics created (as the recorder would) and a publisher for it. */
async function freshTopics() {
  const prefix = `${uniqueName('t')}.`;
  await ensureTopics(
    kafka,
    [ObservationsV1.topic, DeadLettersV1.topic].map((t) => ({ topic: `${prefix}${t}`, numPartitions: PARTITIONS, replicationFactor: 1 })),
  );
  const publisher = new EventPublisher(kafka, { topicPrefix: prefix, publishTimeoutMs: 30_000 });
  cleanups.push(() => publisher.disconnect());
  return { prefix, publisher, observationsTopic: `${prefix}${ObservationsV1.topic}`, group: `${prefix}klimavagt-recorder` };
}

async function publish(publisher: EventPublisher, events: Observation[]): Promise<void> {
  for (let i = 0; i < events.length; i += 1_000) await publisher.publish(ObservationsV1, events.slice(i, i + 1_000));
}

/** A compiled recorder on port 0; reportedPort() tells the port it got. */
function startRecorder(databaseUrl: string, prefix: string): ServiceProcess {
  const recorder = spawnService('apps/recorder/src/main.js', {
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: testKafkaBrokers().join(','),
    KAFKA_TOPIC_PREFIX: prefix,
    KAFKA_TOPIC_PARTITIONS: String(PARTITIONS),
    RECORDER_PORT: '0',
    CONSUMER_MAX_ATTEMPTS: '3',
    LOG_LEVEL: 'warn',
  });
  cleanups.push(async () => {
    if (recorder.child.exitCode === null && recorder.child.signalCode === null) recorder.child.kill('SIGKILL');
    await recorder.exited;
  });
  return recorder;
}

/** Committed offsets are "next to read": summed over partitions they count the messages handled. */
async function committed(group: string, topic: string): Promise<number> {
  const [entry] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
  return entry.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
}

async function rowCounts(db: DatabasePool): Promise<{ rows: number; keys: number }> {
  const [r] = await db.query<{ rows: number; keys: number }>(
    'SELECT count(*)::int AS rows, count(DISTINCT (station_id, parameter, observed_at))::int AS keys FROM observations',
  );
  return r;
}

/** Every stored row as `station|observedAt|value|createdAt`, sorted. */
async function storedRows(db: DatabasePool): Promise<string[]> {
  const rows = await db.query<{ station_id: string; observed_at: Date; value: number; created_at: Date }>(
    'SELECT station_id, observed_at, value, created_at FROM observations',
  );
  return rows.map((r) => `${r.station_id}|${r.observed_at.toISOString()}|${r.value}|${r.created_at.toISOString()}`).sort();
}

const rowOf = (o: Observation) => `${o.stationId}|${o.observedAt}|${o.value}|${o.createdAt}`;

async function testDatabase(): Promise<DatabasePool> {
  const database = await createTestDatabase('postgres');
  cleanups.push(() => database.close());
  return database.db;
}

describe('the recorder under faults (compiled process, real Kafka, real PostgreSQL)', () => {
  it(
    'a replay with every message sent twice leaves exactly one row each',
    async () => {
      const N = 2_000;
      const { prefix, publisher, observationsTopic, group } = await freshTopics();
      const db = await testDatabase();
      startRecorder(db.options.url, prefix);

      const first = range(0, N).map((i) => observation(i));
      await publish(publisher, first);
      await expectEventually(async () => expect(await rowCounts(db)).toEqual({ rows: N, keys: N }), { timeoutMs: 120_000, intervalMs: 250 });

      // Then, each phase stored before the next (so the database, not only the in-batch fold, must decide): a newer
      // revision of the first 500; the whole replay (older than those 500); stale revisions of the last 300.
      const newer = range(0, 500).map((i) => observation(i, REVISION.newer, 100 + i));
      const stale = range(N - 300, N).map((i) => observation(i, REVISION.older, -999));
      let published = N;
      for (const phase of [newer, first, stale]) {
        await publish(publisher, phase);
        published += phase.length;
        await expectEventually(async () => expect(await committed(group, observationsTopic)).toBe(published), {
          timeoutMs: 60_000,
          intervalMs: 250,
        });
      }

      expect(await rowCounts(db)).toEqual({ rows: N, keys: N });
      const expected = [...newer, ...first.slice(500)].map(rowOf).sort();
      expect(await storedRows(db)).toEqual(expected);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'killing the recorder mid-batch and restarting loses nothing',
    async () => {
      const N = 20_000;
      const { prefix, publisher, observationsTopic, group } = await freshTopics();
      const db = await testDatabase();
      await publish(publisher, range(0, N).map((i) => observation(i)));

      const doomed = startRecorder(db.options.url, prefix);
      await expectEventually(async () => expect((await rowCounts(db)).rows).toBeGreaterThan(0), { timeoutMs: 120_000, intervalMs: 10 });
      doomed.child.kill('SIGKILL');
      await doomed.exited;
      // Statements already sent still complete in the server: wait until the dead recorder's sessions are gone.
      const sessions = "SELECT 1 FROM pg_stat_activity WHERE application_name = 'klimavagt-recorder' AND datname = current_database()";
      await expectEventually(async () => expect(await db.query(sessions)).toEqual([]), { timeoutMs: 30_000, intervalMs: 100 });
      const atKill = await rowCounts(db);
      const committedAtKill = await committed(group, observationsTopic);
      expect(atKill.rows).toBeLessThan(N); // killed mid-way, not after the end
      expect(committedAtKill).toBeLessThanOrEqual(atKill.rows); // committed only after the write

      startRecorder(db.options.url, prefix);
      // The killed member holds its partitions until its session times out (30 s); then everything arrives.
      await expectEventually(async () => expect(await rowCounts(db)).toEqual({ rows: N, keys: N }), { timeoutMs: 150_000, intervalMs: 500 });
      await expectEventually(async () => expect(await committed(group, observationsTopic)).toBe(N), { timeoutMs: 30_000, intervalMs: 250 });
      expect(await storedRows(db)).toEqual(range(0, N).map((i) => rowOf(observation(i))).sort());
    },
    TEST_TIMEOUT_MS,
  );

  describe('with a dedicated PostgreSQL server', () => {
    let server: PostgresServer;

    beforeAll(async () => {
      server = await startPostgresServer();
    });

    afterAll(() => server?.stop());

    /** Sum of klimavagt_recorder_batch_retries_total over its label sets, from the recorder's /metrics. */
    async function retries(port: number): Promise<number> {
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      return [...text.matchAll(/^klimavagt_recorder_batch_retries_total(?:\{[^}]*\})? (\S+)$/gm)].reduce((s, m) => s + Number(m[1]), 0);
    }

    it(
      'a database outage pauses consumption with nothing committed, and it resumes by itself',
      async () => {
        const setup = new Client({ connectionString: server.url });
        await setup.connect();
        await setup.query('CREATE DATABASE klimavagt_outage');
        await setup.end();
        const url = new URL(server.url);
        url.pathname = '/klimavagt_outage';
        const db = new DatabasePool(poolOptions(url.toString(), 2));
        cleanups.push(() => db.end());

        const { prefix, publisher, observationsTopic, group } = await freshTopics();
        const recorder = startRecorder(url.toString(), prefix);
        const port = await reportedPort(recorder, 'recorder');
        await publish(publisher, range(0, 100).map((i) => observation(i)));
        await expectEventually(async () => expect(await rowCounts(db)).toEqual({ rows: 100, keys: 100 }), { timeoutMs: 120_000, intervalMs: 250 });
        await expectEventually(async () => expect(await committed(group, observationsTopic)).toBe(100), { timeoutMs: 30_000, intervalMs: 250 });

        server.pause();
        await publish(publisher, range(100, 300).map((i) => observation(i)));
        // The recorder has the new batches and is retrying them against the dead database...
        await expectEventually(async () => expect(await retries(port)).toBeGreaterThanOrEqual(3), { timeoutMs: 60_000, intervalMs: 500 });
        // ...while it stays alive and live, and commits nothing.
        for (let check = 0; check < 6; check++) {
          expect(await committed(group, observationsTopic)).toBe(100);
          expect(recorder.child.exitCode).toBeNull();
          const live = await fetch(`http://127.0.0.1:${port}/health/live`);
          expect(live.status).toBe(200);
          await sleep(2_000);
        }

        server.resume();
        await expectEventually(async () => expect(await rowCounts(db)).toEqual({ rows: 300, keys: 300 }), { timeoutMs: 120_000, intervalMs: 500 });
        await expectEventually(async () => expect(await committed(group, observationsTopic)).toBe(300), { timeoutMs: 30_000, intervalMs: 250 });
        expect(await storedRows(db)).toEqual(range(0, 300).map((i) => rowOf(observation(i))).sort());
        expect(recorder.child.exitCode).toBeNull();
      },
      TEST_TIMEOUT_MS,
    );
  });

  it(
    'a malformed record reaches the dead-letter topic and the records after it are stored',
    async () => {
      const { prefix, observationsTopic, group } = await freshTopics();
      const db = await testDatabase();
      startRecorder(db.options.url, prefix);

      // All on one key, so one partition, in this order.
      const valid = [1, 51, 101, 151].map((i) => observation(i));
      const notJson = 'sea_level=high; {not json';
      const schemaInvalid = JSON.stringify({ ...observation(201), value: 'high' });
      const producer = kafka.producer();
      await producer.connect();
      cleanups.push(() => producer.disconnect());
      const [sent] = await producer.send({
        topic: observationsTopic,
        acks: -1,
        messages: [valid[0], notJson, schemaInvalid, ...valid.slice(1)].map((v) => ({
          key: 'st-1',
          value: typeof v === 'string' ? v : JSON.stringify(v),
        })),
      });
      const base = Number(sent.baseOffset);

      await expectEventually(async () => expect(await committed(group, observationsTopic)).toBe(6), { timeoutMs: 120_000, intervalMs: 250 });
      expect(await storedRows(db)).toEqual(valid.map(rowOf).sort());

      const deadLetterTopic = `${prefix}${DeadLettersV1.topic}`;
      const ends = await admin.fetchTopicOffsets(deadLetterTopic);
      expect(ends.reduce((sum, p) => sum + Number(p.high), 0)).toBe(2);
      const letters: DeadLetterV1[] = [];
      const reader = kafka.consumer({ groupId: uniqueName('dlq-reader') });
      await reader.connect();
      cleanups.push(() => reader.disconnect());
      await reader.subscribe({ topic: deadLetterTopic, fromBeginning: true });
      await reader.run({ eachMessage: async ({ message }) => void letters.push(JSON.parse(message.value!.toString())) });
      await expectEventually(() => expect(letters).toHaveLength(2), { timeoutMs: 60_000 });

      letters.sort((a, b) => Number(a.offset) - Number(b.offset));
      const common = { origin: ObservationsV1.topic, code: 'malformed', rawEncoding: 'utf8', partition: sent.partition, key: 'st-1', attempts: 1 };
      expect(letters[0]).toMatchObject({ ...common, raw: notJson, offset: String(base + 1) });
      expect(letters[0].reason).toMatch(/^not JSON: /);
      expect(letters[1]).toMatchObject({ ...common, raw: schemaInvalid, offset: String(base + 2) });
      expect(letters[1].reason).toBe('value: Expected number, received string');
    },
    TEST_TIMEOUT_MS,
  );
});
