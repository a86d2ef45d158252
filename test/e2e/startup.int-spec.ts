// The single-process launcher and the apps' start-up as an operator meets them: every app up, or a clear error and exit 1.
import { freePort } from '../harness/free-port';
import { expectEventually, spawnService, testKafkaBrokers } from '@klimavagt/test-harness';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const APPS = ['api', 'ingest', 'recorder', 'evaluator', 'alerting'] as const;
const PROMETHEUS_LINE = /^(#\s(HELP|TYPE)\s\S+.*|[a-zA-Z_:][a-zA-Z0-9_:]*(\{.*\})?\s[-+0-9.eEInfNa]+(\s\d+)?)$/;

describe('npm start (the single-process launcher)', () => {
  it('brings every app up with its own local Kafka broker and the embedded TimescaleDB ready, serves /metrics, and Ctrl-C stops everything', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'klimavagt-launcher-'));
    const ports: Record<string, number> = {};
    for (const app of APPS) ports[app] = await freePort();
    const service = spawnService('launcher/main.js', {
      // No KAFKA_BROKERS and no DATABASE_URL: the embedded defaults of `npm start`.
      LOCAL_KAFKA_PORT: String(await freePort(2)),
      KLIMAVAGT_DATA_DIR: dataDir,
      EMBEDDED_DB_PORT: String(await freePort()),
      API_PORT: String(ports.api),
      INGEST_PORT: String(ports.ingest),
      RECORDER_PORT: String(ports.recorder),
      EVALUATOR_PORT: String(ports.evaluator),
      ALERTING_PORT: String(ports.alerting),
    });
    try {
      await expectEventually(() => expect(service.output()).toContain('Klimavagt is running'), { timeoutMs: 90_000 });
      for (const app of APPS) {
        expect(service.output()).toMatch(new RegExp(`${app}\\s+${ports[app]}`));
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
      service.child.kill('SIGINT');
      service.child.kill('SIGINT');
      expect(await service.exited).toBe(0);
      expect(service.output()).toContain('Klimavagt stopped.');
      await expect(fetch(`http://127.0.0.1:${ports.api}/health/live`)).rejects.toThrow();
      const leftovers = execFileSync('ps', ['-eo', 'args']).toString().split('\n').filter((line) => line.includes(dataDir));
      expect(leftovers).toEqual([]);
    } finally {
      service.child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('bad configuration ends start-up with a clear message and exit code 1', () => {
  async function start(env: Record<string, string>) {
    const service = spawnService('apps/api/src/main.js', { API_PORT: String(await freePort()), ...env });
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
    const { code, output } = await start({
      DATABASE_URL: process.env.TEST_POSTGRES_URL!,
      KAFKA_BROKERS: `127.0.0.1:${await freePort()}`,
      KAFKA_CONNECT_TIMEOUT_MS: '1000',
    });
    expect(code).toBe(1);
    expect(output).toMatch(/cannot start: Kafka at 127\.0\.0\.1:\d+ is unreachable/);
  });
});
