// The single-process launcher and the apps' start-up and shutdown as an operator meets them: every app up, or a
// clear error and exit 1; SIGTERM or Ctrl-C stops everything — the apps, the broker JVM, the engine — within 15 s.
import {
  createTestDatabase,
  expectEventually,
  outputMatch,
  reportedPort,
  spawnService,
  testKafkaBrokers,
  uniqueName,
  type ServiceProcess,
} from '@klimavagt/test-harness';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const APPS = ['api', 'ingest', 'recorder', 'evaluator', 'alerting'] as const;
const PROMETHEUS_LINE = /^(#\s(HELP|TYPE)\s\S+.*|[a-zA-Z_:][a-zA-Z0-9_:]*(\{.*\})?\s[-+0-9.eEInfNa]+(\s\d+)?)$/;
/** The bound: from the signal until no process of the launcher is left. */
const STOP_BOUND_MS = 15_000;
/** Start-up (broker, engine, migrations, five apps) on a loaded 2-core machine, plus the checks. */
const LAUNCHER_TEST_MS = 300_000;

interface Launched {
  service: ServiceProcess;
  dataDir: string;
  ports: Record<(typeof APPS)[number], number>;
  pids: { launcher: number; broker: number; engine: number };
}

/** Live processes whose command line names the data dir (the broker JVM, the engine child); zombies are dead. */
function processesOf(dataDir: string): { pid: number; stat: string; args: string }[] {
  return execFileSync('ps', ['-eo', 'pid=,stat=,args='])
    .toString()
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\S+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && m[3].includes(dataDir) && !m[2].startsWith('Z'))
    .map((m) => ({ pid: Number(m[1]), stat: m[2], args: m[3] }));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !(execFileSync('ps', ['-o', 'stat=', '-p', String(pid)]).toString().trim().startsWith('Z'));
  } catch {
    return false;
  }
}

const launched: Launched[] = [];

/** Starts `npm start`'s launcher on the embedded defaults, every port 0, and reads the ports it reports. */
async function launch(): Promise<Launched> {
  const dataDir = mkdtempSync(join(tmpdir(), 'klimavagt-launcher-'));
  const service = spawnService('launcher/main.js', {
    // No KAFKA_BROKERS and no DATABASE_URL: the embedded defaults of `npm start`, on ports the OS (or, for
    // the broker, a probe with retry) picks.
    KLIMAVAGT_DATA_DIR: dataDir,
    LOCAL_KAFKA_PORT: '0',
    EMBEDDED_DB_PORT: '0',
    API_PORT: '0',
    INGEST_PORT: '0',
    RECORDER_PORT: '0',
    EVALUATOR_PORT: '0',
    ALERTING_PORT: '0',
  });
  const entry: Launched = { service, dataDir, ports: {} as Launched['ports'], pids: { launcher: service.child.pid!, broker: 0, engine: 0 } };
  launched.push(entry);
  // The table: a header line, then the five apps, kafka and database, one line each.
  const [table] = await outputMatch(service, /Klimavagt is running[^\n]*\n(?:[^\n]*\n){7}/, 180_000);
  for (const app of APPS) entry.ports[app] = Number(new RegExp(`^  ${app}\\s+(\\d+)$`, 'm').exec(table)![1]);
  entry.pids.broker = Number(readFileSync(join(dataDir, 'kafka', 'broker.pid'), 'utf8').trim());
  entry.pids.engine = processesOf(join(dataDir, 'timescaledb')).find((p) => p.pid !== entry.pids.launcher)?.pid ?? 0;
  // Not vacuous: every process the shutdown must end is there before it.
  expect([alive(entry.pids.launcher), alive(entry.pids.broker), alive(entry.pids.engine)]).toEqual([true, true, true]);
  return entry;
}

/** Waits (at most the bound, from `signalledAt`) until the launcher, the broker and the engine are all gone. */
async function expectAllGoneWithinBound(entry: Launched, signalledAt: number): Promise<number> {
  await expectEventually(
    () => {
      const left = [entry.pids.launcher, entry.pids.broker, entry.pids.engine].filter(alive);
      expect({ left, byDataDir: processesOf(entry.dataDir).map((p) => p.args) }).toEqual({ left: [], byDataDir: [] });
    },
    { timeoutMs: STOP_BOUND_MS - (Date.now() - signalledAt), intervalMs: 100 },
  );
  return Date.now() - signalledAt;
}

afterEach(() => {
  for (const { service, dataDir, pids } of launched.splice(0)) {
    for (const pid of [pids.broker, pids.engine, pids.launcher]) {
      if (!pid) continue;
      for (const signal of ['SIGCONT', 'SIGKILL'] as const) {
        try {
          process.kill(pid, signal);
        } catch {
          /* gone */
        }
      }
    }
    service.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
});

describe('npm start (the single-process launcher)', () => {
  it('brings every app up on ports it reports, with its own local Kafka broker and the embedded TimescaleDB ready, serves /metrics, and Ctrl-C stops everything', async () => {
    const entry = await launch();
    const { service, ports } = entry;
    expect(new Set(Object.values(ports)).size).toBe(APPS.length);
    for (const app of APPS) {
      const ready = await fetch(`http://127.0.0.1:${ports[app]}/health/ready`);
      const body = (await ready.json()) as { info?: { database?: { status: string; engine: string }; kafka?: { status: string } } };
      expect({ app, status: ready.status, db: body.info?.database?.status, kafka: body.info?.kafka?.status }).toEqual({
        app,
        status: 200,
        db: 'up',
        kafka: 'up',
      });
      expect(body.info?.database?.engine).toBe('timescaledb');
      const metrics = await (await fetch(`http://127.0.0.1:${ports[app]}/metrics`)).text();
      const lines = metrics.split('\n').filter(Boolean);
      expect(lines.filter((l) => !PROMETHEUS_LINE.test(l))).toEqual([]);
      expect(metrics).toContain(`klimavagt_process_cpu_seconds_total{app="${app}"}`);
    }
    expect(service.output()).toContain('(local broker)');
    // Ctrl-C under `npm start` delivers SIGINT twice: from the terminal and from npm.
    const signalledAt = Date.now();
    service.child.kill('SIGINT');
    service.child.kill('SIGINT');
    expect(await service.exited).toBe(0);
    const ms = await expectAllGoneWithinBound(entry, signalledAt);
    expect(service.output()).toMatch(/Klimavagt stopped in [\d.]+ s\.\n/);
    process.stdout.write(`launcher: Ctrl-C → everything gone in ${ms} ms (${/Klimavagt stopped in [\d.]+ s/.exec(service.output())![0]})\n`);
    await expect(fetch(`http://127.0.0.1:${ports.api}/health/live`)).rejects.toThrow();
  }, LAUNCHER_TEST_MS);

  it('SIGTERM stops the apps, the broker JVM and the engine within 15 s, exit code 0', async () => {
    const entry = await launch();
    const signalledAt = Date.now();
    entry.service.child.kill('SIGTERM');
    expect(await entry.service.exited).toBe(0);
    const ms = await expectAllGoneWithinBound(entry, signalledAt);
    expect(entry.service.output()).toMatch(/Klimavagt stopped in [\d.]+ s\.\n/);
    process.stdout.write(`launcher: SIGTERM → everything gone in ${ms} ms\n`);
  }, LAUNCHER_TEST_MS);

  it('SIGTERM with the broker frozen (SIGSTOP) still ends everything within 15 s, and says what it had to force (non-zero exit)', async () => {
    const entry = await launch();
    process.kill(entry.pids.broker, 'SIGSTOP');
    const signalledAt = Date.now();
    entry.service.child.kill('SIGTERM');
    const code = await entry.service.exited;
    const ms = await expectAllGoneWithinBound(entry, signalledAt);
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(entry.service.output()).toMatch(/Klimavagt stopped in [\d.]+ s \(forced: [^)]*Kafka broker killed[^)]*\)\./);
    process.stdout.write(`launcher: frozen broker + SIGTERM → everything gone in ${ms} ms, exit ${code}\n`);
  }, LAUNCHER_TEST_MS);
});

describe("each app's own main.ts (docker, production)", () => {
  it('listens on port 0, reports the port, and stops on SIGTERM within the bound with exit code 0', async () => {
    const t = await createTestDatabase('postgres');
    const prefix = `${uniqueName('standalone')}.`;
    const entries = { api: 'API_PORT', ingest: 'INGEST_PORT', recorder: 'RECORDER_PORT', evaluator: 'EVALUATOR_PORT', alerting: 'ALERTING_PORT' };
    const services = Object.entries(entries).map(([app, portVariable]) => ({
      app,
      service: spawnService(`apps/${app}/src/main.js`, {
        DATABASE_URL: t.url,
        KAFKA_BROKERS: testKafkaBrokers().join(','),
        KAFKA_TOPIC_PREFIX: prefix,
        [portVariable]: '0',
      }),
    }));
    try {
      for (const { app, service } of services) {
        const port = await reportedPort(service, app);
        expect((await fetch(`http://127.0.0.1:${port}/health/live`)).status).toBe(200);
      }
      const signalledAt = Date.now();
      for (const { service } of services) service.child.kill('SIGTERM');
      const codes = await Promise.all(services.map(({ service }) => service.exited));
      const ms = Date.now() - signalledAt;
      expect(codes).toEqual([0, 0, 0, 0, 0]);
      expect(ms).toBeLessThan(STOP_BOUND_MS);
      process.stdout.write(`standalone apps: SIGTERM → all five exited in ${ms} ms\n`);
    } finally {
      for (const { service } of services) service.child.kill('SIGKILL');
      await t.close();
    }
  }, 180_000);
});

describe('bad configuration ends start-up with a clear message and exit code 1', () => {
  async function start(env: Record<string, string>) {
    const service = spawnService('apps/api/src/main.js', { API_PORT: '0', ...env });
    const timer = setTimeout(() => service.child.kill('SIGKILL'), 60_000);
    const code = await service.exited;
    clearTimeout(timer);
    return { code, output: service.output() };
  }

  it('names a malformed environment variable and its value', async () => {
    const { code, output } = await start({ DATABASE_POOL_MAX: 'lots', KAFKA_BROKERS: 'localhost' });
    expect(code).toBe(1);
    expect(output).toContain('DATABASE_POOL_MAX="lots"');
    expect(output).toContain('KAFKA_BROKERS="localhost": expected host:port');
    expect(output).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('says the database host is unreachable', async () => {
    const { code, output } = await start({
      DATABASE_URL: 'postgres://klimavagt@no-such-host.invalid:5432/klimavagt',
      KAFKA_BROKERS: testKafkaBrokers().join(','),
    });
    expect(code).toBe(1);
    expect(output).toContain('cannot start: the database at no-such-host.invalid:5432 is unreachable');
  });

  it('says the Kafka broker is unreachable', async () => {
    // Held by this test for the whole run (no free-then-reuse race): it hangs up on every connection.
    const notKafka: Server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => notKafka.listen(0, '127.0.0.1', resolve));
    try {
      const { code, output } = await start({
        DATABASE_URL: process.env.TEST_POSTGRES_URL!,
        KAFKA_BROKERS: `127.0.0.1:${(notKafka.address() as AddressInfo).port}`,
        KAFKA_CONNECT_TIMEOUT_MS: '1000',
      });
      expect(code).toBe(1);
      expect(output).toMatch(/cannot start: Kafka at 127\.0\.0\.1:\d+ is unreachable/);
    } finally {
      await new Promise<void>((resolve) => notKafka.close(() => resolve()));
    }
  });
});
