// Observability as deployed by docker-compose.yml: every app's /metrics passes `promtool check metrics`, the
// Grafana dashboards only use provisioned data sources, metrics the apps really expose and tables the migrations
// really create (their SQL runs against a migrated database with the 2023 storm surge in it), and
// infra/prometheus/prometheus.yml passes `promtool check config` and scrapes all five apps where compose runs them;
// the alert rules in infra/prometheus/rules pass `promtool check rules` and their `promtool test rules` unit tests.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { startService } from '@klimavagt/platform';
import { StationsRepository, ZonesRepository } from '@klimavagt/storage';
import {
  alertingTestConfig,
  createTestDatabase,
  expectEventually,
  RunningAlerting,
  RunningApi,
  RunningIngest,
  startAlerting,
  startApi,
  startIngest,
  TestDatabase,
} from '@klimavagt/test-harness';
import { seedAssensStations, seedAssensZonesIfEmpty } from '../../apps/api/src/zones/assens-seed';
import { EvaluatorModule } from '../../apps/evaluator/src/evaluator.module';
import { ScenarioReplayService } from '../../apps/ingest/src/replay/scenario-replay.service';
import { RecorderModule } from '../../apps/recorder/src/recorder.module';
import { promtool } from './promtool';

const ROOT = resolve(__dirname, '../..');

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const DASHBOARD_DIR = 'infra/grafana/dashboards';
const DASHBOARDS = ['pipeline-health.json', 'water-levels.json', 'alerts-and-notifications.json'];
const RULES_DIR = 'infra/prometheus/rules';
/** Every rule file and every rule test file there, whoever added them. */
const rulesIn = (suffix: string) => readdirSync(join(ROOT, RULES_DIR)).filter((f) => f.endsWith(suffix)).sort();
const RULE_FILES = rulesIn('.rules.yml');
const RULE_TESTS = rulesIn('.rules.test.yml');
const APPS = ['api', 'ingest', 'recorder', 'evaluator', 'alerting'] as const;
type App = (typeof APPS)[number];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- dashboard JSON as Grafana reads it
type Json = any;

/** The scenario's time range (20–21 October 2023) up to now: what a Grafana user would pick to see the replay. */
const RANGE = { from: '2023-10-19T00:00:00Z', to: new Date().toISOString() };

/** Grafana's PostgreSQL plugin id since Grafana 10; `postgres` is its alias (what provisioning uses). */
const TYPE_ALIASES: Record<string, string> = { postgres: 'grafana-postgresql-datasource' };
const canonicalType = (type: string) => TYPE_ALIASES[type] ?? type;

/** The top-level `- key: value` blocks of a YAML list, with each block's `key: value` scalars (any depth). */
function yamlBlocks(text: string, firstKey: string): Record<string, string>[] {
  const lines = text.split('\n').filter((l) => !/^\s*#/.test(l));
  const starts = lines.flatMap((l, i) => (new RegExp(`^\\s*- ${firstKey}:`).test(l) ? [i] : []));
  return starts.map((start, n) => {
    const block: Record<string, string> = {};
    for (const line of lines.slice(start, starts[n + 1] ?? lines.length)) {
      const m = /^\s*(?:- )?([A-Za-z_][\w.]*):\s*(.*?)\s*(?:#.*)?$/.exec(line);
      if (m && m[2] !== '' && !(m[1] in block)) block[m[1]] = m[2].replace(/^['"](.*)['"]$/, '$1');
    }
    return block;
  });
}

/** One service's block of docker-compose.yml (its lines up to the next service or top-level key). */
function composeService(name: string): string {
  const compose = read('docker-compose.yml');
  const m = new RegExp(`\\n  ${name}:\\n((?:    .*\\n|\\s*\\n)+)`).exec(compose);
  if (!m) throw new Error(`docker-compose.yml has no service ${name}`);
  return m[1];
}

interface Datasource {
  uid: string;
  type: string;
}
function provisionedDatasources(): Datasource[] {
  return yamlBlocks(read('infra/grafana/provisioning/datasources/datasources.yml'), 'name').map((b) => ({ uid: b.uid, type: b.type }));
}

/** Every data source reference in a dashboard: panels, their queries, and template variables. */
function datasourceRefs(dashboard: Json): { where: string; ref: Json }[] {
  const out: { where: string; ref: Json }[] = [];
  for (const p of dashboard.panels) {
    out.push({ where: `panel ${p.id}`, ref: p.datasource });
    for (const t of p.targets ?? []) if (t.datasource) out.push({ where: `panel ${p.id} query ${t.refId}`, ref: t.datasource });
  }
  for (const v of dashboard.templating?.list ?? []) if (v.type === 'query') out.push({ where: `variable ${v.name}`, ref: v.datasource });
  return out;
}

interface Query {
  where: string;
  kind: 'promql' | 'sql';
  text: string;
}
function queries(dashboard: Json): Query[] {
  const out: Query[] = [];
  for (const p of dashboard.panels) {
    for (const t of p.targets ?? []) {
      const where = `${dashboard.uid} panel ${p.id} "${p.title}" query ${t.refId}`;
      if (typeof t.expr === 'string') out.push({ where, kind: 'promql', text: t.expr });
      else if (typeof t.rawSql === 'string') out.push({ where, kind: 'sql', text: t.rawSql });
      else throw new Error(`${where} has neither expr nor rawSql`);
    }
  }
  return out;
}

/** Metric names a PromQL expression reads (ours all start with klimavagt_). */
const metricNames = (expr: string) => [...new Set(expr.match(/\bklimavagt_[a-z0-9_]+/g) ?? [])];

/** Tables and views a SQL query reads: identifiers after FROM / JOIN (not functions, subqueries or LATERAL). */
const sqlRelations = (sql: string) =>
  [...sql.matchAll(/\b(?:FROM|JOIN)\s+(?!LATERAL\b)([a-z_][a-z0-9_]*)\b(?!\s*\()/gi)].map((m) => m[1].toLowerCase());

/** Grafana's PostgreSQL macros and variables, as Grafana expands them (multi-value variables quoted and joined). */
function interpolate(sql: string, vars: Record<string, string>): string {
  return sql
    .replace(/\$__timeFilter\(([^)]+)\)/g, (_, column: string) => `${column.trim()} BETWEEN '${RANGE.from}' AND '${RANGE.to}'`)
    .replace(/\$__timeFrom\(\)/g, `'${RANGE.from}'`)
    .replace(/\$__timeTo\(\)/g, `'${RANGE.to}'`)
    .replace(/\$\{?(\w+)(?::\w+)?\}?/g, (match, name: string) => {
      if (!(name in vars)) throw new Error(`unknown variable or macro ${match} in:\n${sql}`);
      return vars[name];
    });
}
const sqlList = (values: string[]) => values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',');

describe('metrics, Grafana dashboards and the Prometheus config', () => {
  let t: TestDatabase;
  let ingest: RunningIngest;
  let recorder: INestApplication;
  let evaluator: INestApplication;
  let alerting: RunningAlerting;
  let api: RunningApi;
  const exposition = new Map<App, { status: number; contentType: string | null; body: string }>();
  /** `# TYPE <name> <type>` over every app's /metrics. */
  const types = new Map<string, string>();

  beforeAll(async () => {
    t = await createTestDatabase('postgres');
    await seedAssensStations(new StationsRepository(t.db));
    await seedAssensZonesIfEmpty(new ZonesRepository(t.db));
    ingest = await startIngest(t.url);
    // Recorder, evaluator and alerting share ingest's topic prefix: the replay flows through all of them.
    const service = (app: 'recorder' | 'evaluator') =>
      startService((app === 'recorder' ? RecorderModule : EvaluatorModule).forRoot(ingest.config), { app, port: 0, config: ingest.config });
    recorder = await service('recorder');
    evaluator = await service('evaluator');
    alerting = await startAlerting(alertingTestConfig(t, { KAFKA_TOPIC_PREFIX: ingest.config.KAFKA_TOPIC_PREFIX }));
    api = await startApi(t);

    // Samples for the counters and histograms: the storm surge through ingest, recorder, evaluator and alerting.
    const { done } = ingest.app.get(ScenarioReplayService).start('stormflod-2023', 0);
    expect((await done).state).toBe('done');
    await expectEventually(
      async () => {
        const [rows] = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM observations WHERE parameter = 'sea_level'");
        const [alerts] = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM alerts WHERE zone_id = 'assens-havn'");
        expect({ rows: rows.n > 0, alerts: alerts.n > 0 }).toEqual({ rows: true, alerts: true });
      },
      { timeoutMs: 150_000, intervalMs: 1_000 },
    );

    const urls: Record<App, string> = {
      api: api.url,
      ingest: ingest.url,
      recorder: (await recorder.getUrl()).replace('[::1]', '127.0.0.1'),
      evaluator: (await evaluator.getUrl()).replace('[::1]', '127.0.0.1'),
      alerting: alerting.url,
    };
    for (const app of APPS) {
      const response = await fetch(`${urls[app]}/metrics`);
      const body = await response.text();
      exposition.set(app, { status: response.status, contentType: response.headers.get('content-type'), body });
      for (const m of body.matchAll(/^# TYPE (\S+) (\S+)$/gm)) types.set(m[1], m[2]);
    }
  }, 300_000);

  afterAll(async () => {
    for (const close of [() => api?.close(), () => alerting?.close(), () => evaluator?.close(), () => recorder?.close(), () => ingest?.app.close(), () => t?.close()]) {
      await Promise.resolve(close()).catch((error) => console.error('closing failed', error));
    }
  });

  describe('/metrics', () => {
    it.each(APPS)('%s serves its metrics, and promtool check metrics finds nothing wrong with ours', (app) => {
      const served = exposition.get(app)!;
      expect({ app, status: served.status, contentType: served.contentType }).toEqual({ app, status: 200, contentType: expect.stringMatching(/^text\/plain/) });
      expect(served.body).toMatch(new RegExp(`app="${app}"`));
      const lint = promtool(['check', 'metrics'], served.body);
      // Exit 0 and no findings; on failure the diff shows promtool's whole output.
      expect({ app, exitCode: lint.status, promtool: lint.output.trim() }).toEqual({ app, exitCode: 0, promtool: '' });
    });

    it('exposes the series the dashboards are built on, with samples from the replay', () => {
      const all = [...exposition.values()].map((e) => e.body).join('\n');
      expect(all).toMatch(/^klimavagt_observations_accepted_total\{[^}]*source="replay"[^}]*\} [1-9]/m);
      expect(all).toMatch(/^klimavagt_recorder_write_duration_seconds_count\{[^}]*\} [1-9]/m);
      expect(all).toMatch(/^klimavagt_alert_changes_total\{[^}]*\} [1-9]/m);
    });
  });

  describe('Grafana', () => {
    const dashboards = DASHBOARDS.map((file) => ({ file, text: read(`${DASHBOARD_DIR}/${file}`) }));

    it('provisions the Prometheus and TimescaleDB data sources with fixed uids, pointing at the compose services', () => {
      const sources = yamlBlocks(read('infra/grafana/provisioning/datasources/datasources.yml'), 'name');
      const prometheus = sources.find((s) => s.type === 'prometheus');
      const timescale = sources.find((s) => canonicalType(s.type) === 'grafana-postgresql-datasource');
      expect(prometheus).toMatchObject({ uid: 'prometheus', url: 'http://prometheus:9090' });
      const db = composeService('timescaledb');
      const env = (key: string) => new RegExp(`${key}: (\\S+)`).exec(db)?.[1];
      expect(timescale).toMatchObject({ uid: 'timescaledb', url: 'timescaledb:5432', user: env('POSTGRES_USER'), database: env('POSTGRES_DB') });
      expect(new Set(sources.map((s) => s.uid)).size).toBe(sources.length);
    });

    it('provisions the dashboards from the directory docker-compose.yml mounts, and the directory holds exactly the three dashboards', () => {
      const [provider] = yamlBlocks(read('infra/grafana/provisioning/dashboards/dashboards.yml'), 'name');
      expect(provider).toMatchObject({ type: 'file', path: '/var/lib/grafana/dashboards' });
      const grafana = composeService('grafana');
      expect(grafana).toContain('./infra/grafana/provisioning:/etc/grafana/provisioning:ro');
      expect(grafana).toContain(`./${DASHBOARD_DIR}:/var/lib/grafana/dashboards:ro`);
      expect(readdirSync(join(ROOT, DASHBOARD_DIR)).filter((f) => f.endsWith('.json')).sort()).toEqual([...DASHBOARDS].sort());
    });

    it.each(DASHBOARDS)('%s is a valid dashboard: uid, title, tags, unique panel ids, known panel types, bilingual titles, a sane grid', (file) => {
      const d: Json = JSON.parse(dashboards.find((x) => x.file === file)!.text);
      expect(d).toMatchObject({ uid: expect.stringMatching(/^klimavagt-[a-z-]+$/), title: expect.stringMatching(/^Klimavagt: .+ \/ .+/), tags: ['klimavagt'] });
      expect(d.schemaVersion).toBeGreaterThanOrEqual(36);
      expect(d.schemaVersion).toBeLessThanOrEqual(41);
      expect(d.panels.length).toBeGreaterThan(0);
      const ids = d.panels.map((p: Json) => p.id);
      expect(ids.every((id: unknown) => Number.isInteger(id) && (id as number) > 0)).toBe(true);
      expect(new Set(ids).size).toBe(ids.length);
      for (const p of d.panels) {
        expect({ id: p.id, type: p.type }).toEqual({ id: p.id, type: expect.stringMatching(/^(timeseries|stat|table)$/) });
        // Danish / English.
        expect({ id: p.id, title: p.title }).toEqual({ id: p.id, title: expect.stringMatching(/^\S.* \/ \S.*$/) });
        expect(p.targets?.length).toBeGreaterThan(0);
        const { x, y, w, h } = p.gridPos;
        expect({ id: p.id, fits: x >= 0 && y >= 0 && w > 0 && h > 0 && x + w <= 24 }).toEqual({ id: p.id, fits: true });
      }
      // No two panels overlap.
      const cells = new Map<string, number>();
      for (const p of d.panels) {
        for (let gx = p.gridPos.x; gx < p.gridPos.x + p.gridPos.w; gx++) {
          for (let gy = p.gridPos.y; gy < p.gridPos.y + p.gridPos.h; gy++) {
            const key = `${gx},${gy}`;
            expect({ cell: key, panels: [cells.get(key) ?? p.id, p.id] }).toEqual({ cell: key, panels: [p.id, p.id] });
            cells.set(key, p.id);
          }
        }
      }
    });

    it('gives the dashboards distinct uids and titles', () => {
      const parsed = dashboards.map((x) => JSON.parse(x.text));
      expect(new Set(parsed.map((d) => d.uid)).size).toBe(parsed.length);
      expect(new Set(parsed.map((d) => d.title)).size).toBe(parsed.length);
    });

    it.each(DASHBOARDS)('%s refers only to provisioned data sources, by uid and matching type', (file) => {
      const d: Json = JSON.parse(dashboards.find((x) => x.file === file)!.text);
      const known = provisionedDatasources();
      for (const { where, ref } of datasourceRefs(d)) {
        const source = known.find((s) => s.uid === ref?.uid);
        expect({ where, uid: ref?.uid, known: !!source }).toEqual({ where, uid: ref?.uid, known: true });
        expect({ where, type: canonicalType(ref.type) }).toEqual({ where, type: canonicalType(source!.type) });
      }
      // Prometheus panels carry PromQL, PostgreSQL panels SQL.
      for (const p of d.panels) {
        for (const target of p.targets) {
          const kind = canonicalType(p.datasource.type) === 'prometheus' ? 'expr' : 'rawSql';
          expect({ panel: p.id, refId: target.refId, has: typeof target[kind] }).toEqual({ panel: p.id, refId: target.refId, has: 'string' });
        }
      }
    });

    it('uses only metrics that the apps expose (histograms by their _bucket, _sum or _count series)', () => {
      const missing: string[] = [];
      for (const { text } of dashboards) {
        for (const q of queries(JSON.parse(text)).filter((x) => x.kind === 'promql')) {
          for (const name of metricNames(q.text)) {
            const base = name.replace(/_(bucket|sum|count)$/, '');
            const known = types.has(name) || (base !== name && ['histogram', 'summary'].includes(types.get(base) ?? ''));
            if (!known) missing.push(`${q.where}: ${name}`);
          }
        }
      }
      expect(missing).toEqual([]);
      expect(types.size).toBeGreaterThan(0);
    });

    it('writes PromQL that Prometheus parses (promtool check rules on every expression as a recording rule)', () => {
      const promql = dashboards.flatMap(({ text }) => queries(JSON.parse(text)).filter((q) => q.kind === 'promql'));
      const rules = promql.map((q, i) => ({
        record: `klimavagt:dashboard_check:${i}`,
        // Grafana's range variables, as Grafana would fill them in.
        expr: q.text.replace(/\$__(range|rate_interval|interval)\b/g, '5m'),
      }));
      const dir = mkdtempSync(join(tmpdir(), 'klimavagt-promql-'));
      try {
        const file = join(dir, 'dashboards.rules.yml');
        writeFileSync(file, JSON.stringify({ groups: [{ name: 'dashboards', rules }] }, null, 2)); // JSON is YAML
        const check = promtool(['check', 'rules', file]);
        expect({ exitCode: check.status, promtool: check.output }).toEqual({ exitCode: 0, promtool: expect.stringContaining(`SUCCESS: ${rules.length} rules found`) });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('reads only tables and views that the migrations create, and every SQL query runs and finds data for some zone', async () => {
      const relations = new Set(
        (await t.db.query<{ name: string }>("SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v', 'm', 'p')")).map(
          (r) => r.name,
        ),
      );
      const water: Json = JSON.parse(dashboards.find((x) => x.file === 'water-levels.json')!.text);
      const variables: Json[] = water.templating.list;
      const sql = [
        ...dashboards.flatMap(({ text }) => queries(JSON.parse(text)).filter((q) => q.kind === 'sql')),
        ...variables.map((v) => ({ where: `variable ${v.name}`, kind: 'sql', text: v.query as string })),
      ];
      expect(sql.length).toBeGreaterThan(0);
      const unknown = sql.flatMap((q) => sqlRelations(q.text).filter((r) => !relations.has(r)).map((r) => `${q.where}: ${r}`));
      expect(unknown).toEqual([]);
      for (const q of sql) expect({ where: q.where, readsSomething: sqlRelations(q.text).length > 0 }).toEqual({ where: q.where, readsSomething: true });

      // Grafana's way: the zone variable lists the zones, the station variable the chosen zone's stations.
      const zoneVar = variables.find((v) => v.name === 'zone');
      const stationVar = variables.find((v) => v.name === 'station');
      expect({ zone: zoneVar?.multi, station: stationVar?.multi }).toEqual({ zone: false, station: true });
      const zones = (await t.db.query<{ __value: string }>(interpolate(zoneVar.query, {}))).map((r) => r.__value);
      expect(zones).toContain('assens-havn');
      const rowsPerQuery = new Map<string, number>();
      const failures: string[] = [];
      for (const zone of zones) {
        const stations = (await t.db.query<{ __value: string }>(interpolate(stationVar.query, { zone }))).map((r) => r.__value);
        expect({ zone, stations: stations.length > 0 }).toEqual({ zone, stations: true });
        for (const q of sql) {
          const text = interpolate(q.text, { zone, station: sqlList(stations) });
          try {
            const rows = await t.db.query(text);
            rowsPerQuery.set(q.where, (rowsPerQuery.get(q.where) ?? 0) + rows.length);
          } catch (error) {
            failures.push(`${q.where} for zone ${zone}: ${(error as Error).message}\n${text}`);
          }
        }
      }
      expect(failures).toEqual([]);
      expect([...rowsPerQuery].filter(([, n]) => n === 0).map(([where]) => where)).toEqual([]);
    });

    it("draws the harbour's sea-level thresholds from its zone version: today's yellow, orange and red levels", async () => {
      const water: Json = JSON.parse(dashboards.find((x) => x.file === 'water-levels.json')!.text);
      const panel = water.panels.find((p: Json) => p.targets.some((t: Json) => /parameter = 'sea_level'/.test(t.rawSql ?? '')) && p.targets.length > 1);
      const thresholds = panel.targets.find((t: Json) => /levelSets/.test(t.rawSql));
      const rows = await t.db.query<{ time: Date; metric: string; value: number }>(interpolate(thresholds.rawSql, { zone: 'assens-havn', station: "''" }));
      const levels = [...new Map(rows.map((r) => [r.metric, r.value])).entries()].sort(([, a], [, b]) => a - b);
      expect(levels.map(([metric]) => metric.split(': ')[1])).toEqual(['yellow', 'orange', 'red']);
      // Each line spans the time range: a point at its start and one at its end.
      expect(rows.length).toBe(6);
      expect(new Set(rows.map((r) => r.time.toISOString()))).toEqual(new Set([new Date(RANGE.from).toISOString(), new Date(RANGE.to).toISOString()]));
    });
  });

  describe('Prometheus', () => {
    it('promtool check config accepts infra/prometheus/prometheus.yml', () => {
      const check = promtool(['check', 'config', join(ROOT, 'infra/prometheus/prometheus.yml')]);
      expect({ exitCode: check.status, promtool: check.output }).toEqual({ exitCode: 0, promtool: expect.stringContaining('SUCCESS') });
    });

    // Alerting rules: every infra/prometheus/rules/*.rules.yml passes promtool check rules, and has a
    // *.rules.test.yml beside it that passes promtool test rules; prometheus.yml loads them all.
    const RULE_DIR = join(ROOT, 'infra/prometheus/rules');
    const ruleFiles = readdirSync(RULE_DIR).filter((f) => f.endsWith('.rules.yml'));
    it('loads the alerting rules from infra/prometheus/rules, mounted into the compose Prometheus', () => {
      expect(ruleFiles).toContain('consumers.rules.yml');
      expect(read('infra/prometheus/prometheus.yml')).toMatch(/^rule_files:\n\s+- rules\/\*\.rules\.yml$/m);
      expect(composeService('prometheus')).toContain('./infra/prometheus/rules:/etc/prometheus/rules:ro');
    });

    it.each(ruleFiles)('promtool check rules and test rules pass on %s', (file) => {
      const check = promtool(['check', 'rules', join(RULE_DIR, file)]);
      expect({ file, exitCode: check.status, promtool: check.output }).toEqual({ file, exitCode: 0, promtool: expect.stringContaining('SUCCESS') });
      const test = promtool(['test', 'rules', join(RULE_DIR, file.replace(/\.rules\.yml$/, '.rules.test.yml'))]);
      expect({ file, exitCode: test.status, promtool: test.output }).toEqual({ file, exitCode: 0, promtool: expect.stringContaining('SUCCESS') });
    });

    it.each(APPS)('scrapes %s on its compose service name and port, at /metrics', (app) => {
      const port = new RegExp(`${app.toUpperCase()}_PORT: "(\\d+)"`).exec(composeService(app))?.[1];
      expect(composeService(app)).toContain(`- "${port}:${port}"`);
      const jobs = yamlBlocks(read('infra/prometheus/prometheus.yml'), 'job_name');
      const job = jobs.find((j) => j.job_name === app);
      expect(job).toBeDefined();
      expect(job!.metrics_path ?? '/metrics').toBe('/metrics');
      expect(job!.targets).toBe(`['${app}:${port}']`);
      // The app labels its own series with app="<app>" (see /metrics above): the target's label must agree, and
      // honor_labels keeps the app's instead of adding exported_app to every series.
      expect({ app: job!.app, honor_labels: job!.honor_labels }).toEqual({ app, honor_labels: 'true' });
      // prometheus.yml reaches docker-compose's Prometheus container.
      expect(composeService('prometheus')).toContain('./infra/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro');
    });

    it('loads the alert rules: prometheus.yml names them and compose mounts them beside it', () => {
      expect(read('infra/prometheus/prometheus.yml')).toMatch(/^rule_files:\n\s+- rules\/\*\.rules\.yml$/m);
      expect(composeService('prometheus')).toContain('./infra/prometheus/rules:/etc/prometheus/rules:ro');
      expect(RULE_FILES).toEqual(expect.arrayContaining(['feeds.rules.yml', 'pipeline.rules.yml', 'notifications.rules.yml']));
    });

    it('promtool check rules accepts every alert rule file', () => {
      const check = promtool(['check', 'rules', ...RULE_FILES.map((f) => join(ROOT, RULES_DIR, f))]);
      expect({ exitCode: check.status, promtool: check.output }).toEqual({ exitCode: 0, promtool: expect.not.stringContaining('FAILED') });
    });

    it.each(RULE_TESTS)('promtool test rules passes %s', (file) => {
      const run = promtool(['test', 'rules', join(ROOT, RULES_DIR, file)]);
      expect({ file, exitCode: run.status, promtool: run.output }).toEqual({ file, exitCode: 0, promtool: expect.stringContaining('SUCCESS') });
    });

    it.each(RULE_FILES)('%s: every alert has severity, summary and description, reads exported metrics, and is tested firing and not firing', (file) => {
      const rules = read(`${RULES_DIR}/${file}`);
      const tests = read(`${RULES_DIR}/${file.replace(/\.rules\.yml$/, '.rules.test.yml')}`);
      const blocks = rules.split(/^\s*- alert: /m).slice(1);
      expect(blocks.length).toBeGreaterThan(0);
      for (const block of blocks) {
        const name = block.split(/\s/)[0];
        const expr = /expr: (>\n(?:\s{10}.*\n)+|.*)/.exec(block)?.[1] ?? '';
        const problems = [
          ...(/\n\s+severity: (critical|warning|info)\n/.test(block) ? [] : ['no severity']),
          ...(/\n\s+summary: \S/.test(block) ? [] : ['no summary']),
          ...(/\n\s+description: \S/.test(block) ? [] : ['no description']),
          ...metricNames(expr).filter((m) => !types.has(m)).map((m) => `reads ${m}, which no app exports`),
          ...(new RegExp(`alertname: ${name}\\n\\s+exp_alerts: \\[\\]`).test(tests) ? [] : ['no test of it not firing']),
          ...(new RegExp(`alertname: ${name}\\n\\s+exp_alerts:\\n\\s+- exp_labels:`).test(tests) ? [] : ['no test of it firing']),
        ];
        expect({ alert: name, problems }).toEqual({ alert: name, problems: [] });
      }
    });
  });
});
