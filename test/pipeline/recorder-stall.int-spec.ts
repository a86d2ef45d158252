// The recorder (compiled, as a child process) when the database refuses every write for a minute (INSERT on
// observations revoked from its role): nothing is dead-lettered or committed, the recorder is not ready,
// klimavagt_consumer_stalled is 1 and a real Prometheus fires KlimavagtConsumerStalled; once the privilege is
// back everything is stored and the recorder is ready again.
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Admin, Kafka } from 'kafkajs';
import { Client } from 'pg';
import type { Observation } from '@klimavagt/domain';
import { DeadLettersV1, ObservationsV1 } from '@klimavagt/contracts';
import { createKafka, ensureTopics, EventPublisher } from '@klimavagt/messaging';
import { createTestDatabase, expectEventually, reportedPort, spawnService, testKafkaBrokers, TestDatabase, uniqueName } from '@klimavagt/test-harness';
import { freePort } from '../harness/free-port';

const TEST_TIMEOUT_MS = 420_000;
const FAULT_MS = 60_000;
const RULES = resolve(__dirname, '../../infra/prometheus/rules/consumers.rules.yml');
const PROMETHEUS = '/usr/bin/prometheus';
const BASE = Date.parse('2025-02-01T00:00:00.000Z');

const observation = (i: number): Observation => ({
  stationId: `st-${i % 20}`,
  parameter: 'sea_level',
  observedAt: new Date(BASE + Math.floor(i / 20) * 60_000).toISOString(),
  value: i / 1000,
  unit: 'm',
  source: 'replay',
  quality: 'ok',
  createdAt: '2025-02-02T00:00:00.000Z',
  receivedAt: '2025-02-02T00:00:00.000Z',
});
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => observation(from + k));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The value of the series `name` whose labels include all of `labels` (in whatever order prom-client writes them). */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)\{(.*)\} (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    if (Object.entries(labels).every(([k, v]) => m[2].includes(`${k}="${v}"`))) return Number(m[3]);
  }
  return undefined;
}

/** A real Prometheus scraping the recorder every second and evaluating consumers.rules.yml with `for: 5s`. */
/** Prometheus cannot report a port it picked: a free one is tried, and another when it was taken meanwhile. */
async function startPrometheusOnFreePort(targetPort: number): Promise<ReturnType<typeof startPrometheus>> {
  for (let attempt = 1; ; attempt++) {
    const started = startPrometheus(targetPort, await freePort());
    const exited = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 3_000);
      started.child.once('exit', () => (clearTimeout(timer), resolve(true)));
    });
    if (!exited) return started;
    rmSync(started.dir, { recursive: true, force: true });
    if (!/address already in use/i.test(started.output()) || attempt >= 5) throw new Error(`prometheus did not start:\n${started.output()}`);
  }
}

function startPrometheus(targetPort: number, port: number): { child: ChildProcess; url: string; dir: string; output: () => string } {
  if (!existsSync(PROMETHEUS)) throw new Error(`${PROMETHEUS} is missing: apt-get install --no-install-recommends prometheus (.ci/run does this)`);
  const dir = mkdtempSync(join(tmpdir(), 'klimavagt-prometheus-'));
  const rules = readFileSync(RULES, 'utf8');
  expect(rules).toMatch(/^\s+for: 1m$/m);
  writeFileSync(join(dir, 'consumers.rules.yml'), rules.replace(/^(\s+)for: 1m$/m, '$1for: 5s'));
  writeFileSync(
    join(dir, 'prometheus.yml'),
    [
      'global: { scrape_interval: 1s, evaluation_interval: 1s }',
      `rule_files: ['${join(dir, 'consumers.rules.yml')}']`,
      'scrape_configs:',
      '  - job_name: recorder',
      '    honor_labels: true',
      `    static_configs: [{ targets: ['127.0.0.1:${targetPort}'], labels: { app: recorder } }]`,
    ].join('\n'),
  );
  const child = spawn(
    PROMETHEUS,
    [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
  child.stderr!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-20_000)));
  return { child, url: `http://127.0.0.1:${port}`, dir, output: () => output };
}

describe('the recorder when the database refuses every write (compiled process, real Kafka, PostgreSQL, Prometheus)', () => {
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  let kafka: Kafka;
  let admin: Admin;

  beforeAll(async () => {
    kafka = createKafka({ brokers: testKafkaBrokers(), clientId: 'recorder-stall-test', connectTimeoutMs: 5_000, requestTimeoutMs: 30_000 });
    admin = kafka.admin();
    await admin.connect();
  });
  afterAll(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await admin.disconnect();
  });

  it(
    'stalls — not ready, klimavagt_consumer_stalled 1, KlimavagtConsumerStalled firing, nothing dead-lettered — and recovers by itself',
    async () => {
      // A database owned by the superuser, and a role for the recorder that has every privilege on it.
      const t: TestDatabase = await createTestDatabase('postgres');
      const role = `recorder_${randomBytes(4).toString('hex')}`;
      const superuser = new Client({ connectionString: t.url });
      await superuser.connect();
      cleanups.push(async () => {
        await superuser.end();
        await t.close();
        const admin = new Client({ connectionString: process.env.TEST_POSTGRES_URL });
        await admin.connect();
        await admin.query(`DROP ROLE IF EXISTS ${role}`);
        await admin.end();
      });
      await superuser.query(`CREATE ROLE ${role} LOGIN`);
      await superuser.query(`GRANT USAGE, CREATE ON SCHEMA public TO ${role}`);
      await superuser.query(`GRANT ALL ON ALL TABLES IN SCHEMA public TO ${role}`);
      await superuser.query(`GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
      const recorderUrl = new URL(t.url);
      recorderUrl.username = role;
      const rows = async () => Number((await superuser.query('SELECT count(*) AS n FROM observations')).rows[0].n);

      const prefix = `${uniqueName('t')}.`;
      const topic = `${prefix}${ObservationsV1.topic}`;
      const group = `${prefix}klimavagt-recorder`;
      await ensureTopics(
        kafka,
        [ObservationsV1.topic, DeadLettersV1.topic].map((name) => ({ topic: `${prefix}${name}`, numPartitions: 3, replicationFactor: 1 })),
      );
      const publisher = new EventPublisher(kafka, { topicPrefix: prefix, publishTimeoutMs: 30_000 });
      cleanups.push(() => publisher.disconnect());
      const committed = async () => {
        const [entry] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
        return entry.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
      };
      const deadLettered = async () => (await admin.fetchTopicOffsets(`${prefix}${DeadLettersV1.topic}`)).reduce((s, p) => s + Number(p.high), 0);

      const recorder = spawnService('apps/recorder/src/main.js', {
        DATABASE_URL: recorderUrl.toString(),
        KAFKA_BROKERS: testKafkaBrokers().join(','),
        KAFKA_TOPIC_PREFIX: prefix,
        KAFKA_TOPIC_PARTITIONS: '3',
        RECORDER_PORT: '0',
        CONSUMER_MAX_ATTEMPTS: '3',
        LOG_LEVEL: 'warn',
      });
      cleanups.push(async () => {
        if (recorder.child.exitCode === null) recorder.child.kill('SIGKILL');
        await recorder.exited;
      });
      const port = await reportedPort(recorder, 'recorder');
      const prometheus = await startPrometheusOnFreePort(port);
      cleanups.push(async () => {
        if (prometheus.child.exitCode === null) {
          const exited = new Promise((r) => prometheus.child.once('exit', r));
          prometheus.child.kill('SIGTERM');
          await exited;
        }
        rmSync(prometheus.dir, { recursive: true, force: true });
      });

      const app = `http://127.0.0.1:${port}`;
      const metrics = async () => (await fetch(`${app}/metrics`)).text();
      const stalled = async () => sample(await metrics(), 'klimavagt_consumer_stalled', { topic, group, app: 'recorder' });
      const ready = async () => {
        const response = await fetch(`${app}/health/ready`);
        return { status: response.status, body: (await response.json()) as { error?: { consumers?: { sources: Record<string, { reason?: string }> } } } };
      };
      const firing = async () => {
        const response = await fetch(`${prometheus.url}/api/v1/alerts`);
        const body = (await response.json()) as { data: { alerts: { labels: Record<string, string>; state: string }[] } };
        return body.data.alerts.filter((a) => a.labels.alertname === 'KlimavagtConsumerStalled' && a.state === 'firing').map((a) => a.labels);
      };
      const stallLines = () => recorder.output().split('\n').filter((l) => l.includes('"level":"error"') && l.includes(`consumer ${group} stalled`));

      // Healthy: stored, committed, ready, the gauge at 0, no alert.
      await publisher.publish(ObservationsV1, range(0, 100));
      await expectEventually(async () => expect(await rows()).toBe(100), { timeoutMs: 120_000, intervalMs: 500 });
      await expectEventually(async () => expect(await committed()).toBe(100), { timeoutMs: 60_000, intervalMs: 500 });
      expect(await stalled()).toBe(0);
      expect((await ready()).status).toBe(200);
      await expectEventually(async () => expect((await fetch(`${prometheus.url}/-/ready`)).status).toBe(200), { timeoutMs: 60_000, intervalMs: 500 });

      // The fault: the database refuses the recorder's writes (42501, as a read-only or revoked database would).
      await superuser.query(`REVOKE INSERT ON observations FROM ${role}`);
      const faultStarted = Date.now();
      await publisher.publish(ObservationsV1, range(100, 300));

      await expectEventually(async () => expect(await stalled()).toBe(1), { timeoutMs: 120_000, intervalMs: 500 });
      const notReady = await ready();
      expect(notReady.status).toBe(503);
      expect(notReady.body.error?.consumers?.sources[`consumer ${group}`]?.reason).toMatch(/permission denied for table observations/);
      expect(sample(await metrics(), 'klimavagt_recorder_batch_retries_total', { topic })).toBeGreaterThan(0);
      await expectEventually(async () => expect(await firing()).toEqual([expect.objectContaining({ group, topic, app: 'recorder', severity: 'critical' })]), {
        timeoutMs: 120_000,
        intervalMs: 1_000,
      });

      // The fault holds for a minute; meanwhile nothing is dead-lettered, committed or stored, and the stall was
      // logged at error level once (not per retry).
      while (Date.now() - faultStarted < FAULT_MS) {
        expect(await deadLettered()).toBe(0);
        expect(await committed()).toBe(100);
        expect(await rows()).toBe(100);
        expect((await fetch(`${app}/health/live`)).status).toBe(200);
        await sleep(2_000);
      }
      expect(stallLines()).toHaveLength(1);
      expect(stallLines()[0]).toContain('permission denied for table observations');

      // The fault ends: everything is stored and committed, ready again, the gauge back to 0, the alert gone.
      await superuser.query(`GRANT INSERT ON observations TO ${role}`);
      await expectEventually(async () => expect(await rows()).toBe(300), { timeoutMs: 120_000, intervalMs: 500 });
      await expectEventually(async () => expect(await committed()).toBe(300), { timeoutMs: 60_000, intervalMs: 500 });
      await expectEventually(async () => expect((await ready()).status).toBe(200), { timeoutMs: 30_000, intervalMs: 500 });
      expect(await stalled()).toBe(0);
      expect(recorder.output()).toContain(`consumer ${group} recovered on ${topic}`);
      await expectEventually(async () => expect(await firing()).toEqual([]), { timeoutMs: 60_000, intervalMs: 1_000 });
      expect(await deadLettered()).toBe(0);
      expect(stallLines()).toHaveLength(1);
    },
    TEST_TIMEOUT_MS,
  );
});
