// The 2023 storm surge through ingest, the evaluator and the alerting app, against the seeded Assens zones and
// initiatives: per zone one threat incident (the DKSS forecast and the observed level as one alert) that climbs
// and resolves once, tied to its initiatives with an "overtopped" verdict where the peak exceeded a design level,
// and CAP messages that validate against the schema.
import { resolve } from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { INestApplication } from '@nestjs/common';
import { startService } from '@klimavagt/platform';
import { InitiativesRepository, StationsRepository, ZonesRepository } from '@klimavagt/storage';
import { createTestDatabase, expectEventually, RunningAlerting, RunningIngest, startAlerting, startIngest, TestDatabase, TopicReader } from '@klimavagt/test-harness';
import { seedAssensInitiativesIfEmpty } from '../../apps/api/src/initiatives/assens-initiatives-seed';
import { seedAssensStations, seedAssensZonesIfEmpty } from '../../apps/api/src/zones/assens-seed';
import { EvaluatorModule } from '../../apps/evaluator/src/evaluator.module';
import { ScenarioReplayService } from '../../apps/ingest/src/replay/scenario-replay.service';
import { xmllint } from '../cap/xmllint';

const SCHEMA = resolve(__dirname, '../../schemas/CAP-v1.2.xsd');
/** Zones judged by the Assens or Faaborg gauge, which the scenario carries. */
const COASTAL = ['assens-havn', 'nordre-havnevej', 'willemoesgade', 'assens-naes', 'kaerum-aa-udloeb', 'toroe-huse', 'helnaes-daemning', 'brunshuse'];
const RANK = { yellow: 1, orange: 2, red: 3 } as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the API's JSON as the test reads it
type Json = any;

describe('alerts from the 2023 storm surge', () => {
  let t: TestDatabase;
  let ingest: RunningIngest;
  let evaluator: INestApplication;
  let alerting: RunningAlerting;
  let events: TopicReader;
  let alerts: Json[];

  beforeAll(async () => {
    t = await createTestDatabase('postgres');
    const zones = new ZonesRepository(t.db);
    await seedAssensStations(new StationsRepository(t.db));
    await seedAssensZonesIfEmpty(zones);
    await seedAssensInitiativesIfEmpty(new InitiativesRepository(t.db), zones);
    ingest = await startIngest(t.url, { NOTIFY_DISPATCH_INTERVAL_MS: '200' });
    evaluator = await startService(EvaluatorModule.forRoot(ingest.config), { app: 'evaluator', port: 0, config: ingest.config });
    alerting = await startAlerting(ingest.config);
    events = await TopicReader.start(`${ingest.config.KAFKA_TOPIC_PREFIX}alert-events.v1`);
    const { done } = ingest.app.get(ScenarioReplayService).start('stormflod-2023', 0);
    expect((await done).state).toBe('done');
    await expectEventually(
      async () => {
        const answer = await alerting.call('GET', '/v1/alerts?hazard=coastal-flooding&limit=500');
        // Threat incidents carry the rules feeding them; the silent-gauge rule keeps alerts of its own.
        const levels = (answer.body as Json[]).filter((a) => a.sources !== undefined);
        expect(levels.map((a) => a.zoneId).sort()).toEqual([...COASTAL].sort());
        expect(levels.every((a) => a.state === 'resolved')).toBe(true);
        alerts = levels;
      },
      { timeoutMs: 120_000, intervalMs: 1_000 },
    );
  }, 180_000);

  afterAll(async () => {
    await events?.stop();
    await alerting?.close();
    await evaluator?.close();
    await ingest?.app.close();
    await t?.close();
  });

  it('gives each coastal zone one incident (one episode) fed by the forecast and the observed level, resolved once', () => {
    for (const a of alerts) {
      expect({ zone: a.zoneId, episode: a.episode, state: a.state, resolvedBy: a.resolvedBy }).toEqual({ zone: a.zoneId, episode: 1, state: 'resolved', resolvedBy: 'signal' });
      const path = (a.history as Json[]).filter((h) => ['opened', 'severity-raised', 'severity-lowered', 'resolved'].includes(h.kind)).map((h) => h.kind);
      expect(path[0]).toBe('opened');
      expect(path.at(-1)).toBe('resolved');
      expect(path.filter((k) => k === 'resolved')).toHaveLength(1);
    }
    const harbour = alerts.find((a) => a.zoneId === 'assens-havn');
    expect(harbour.peakSeverity).toBe('red');
    // The forecast warned first; the observed level confirmed it in the same alert.
    expect(Object.values(harbour.sources as Record<string, Json>).map((s) => s.ruleId).sort()).toEqual(expect.arrayContaining(['dkss-prognose', 'vandstand']));
    expect((harbour.history as Json[]).find((h) => h.kind === 'opened').severity).toBeDefined();
    expect((harbour.history as Json[]).map((h) => h.kind)).toContain('confirmed');
    const raised = (harbour.history as Json[]).filter((h) => h.kind === 'severity-raised').map((h) => RANK[h.severity as keyof typeof RANK]);
    expect(raised).toEqual([...raised].sort());
  });

  it('ties each alert to the initiatives covering its zone: the 2.02 m peak overtopped the 1.80 m inner line, not the 2.50 m outer line', () => {
    const harbour = alerts.find((a) => a.zoneId === 'assens-havn');
    expect(harbour.coverage.peak).toMatchObject({ parameter: 'sea_level', value: 2.02, forecast: false });
    const byId = new Map((harbour.coverage.covering as Json[]).map((c) => [c.id, c]));
    expect(harbour.coverage.uncovered).toBe(false);
    expect(harbour.coverage.overtopped).toBe(true);
    const overtopped = [...byId.values()].filter((c) => c.overtopped === true).map((c) => c.designLevel.value);
    const held = [...byId.values()].filter((c) => c.overtopped === false).map((c) => c.designLevel.value);
    expect(overtopped).toContain(1.8);
    expect(held).toContain(2.5);
    // Every coastal alert says what covers it, or that nothing does.
    for (const a of alerts) expect(a.coverage.uncovered).toBe(a.coverage.covering.length === 0);
  });

  it('publishes each alert as CAP 1.2 — Alert, Updates, Cancel — that validates against the OASIS schema', async () => {
    const dir = mkdtempSync(resolve(tmpdir(), 'cap-'));
    const harbour = alerts.find((a) => a.zoneId === 'assens-havn');
    const types: string[] = [];
    for (let sequence = 1; ; sequence++) {
      const answer = await alerting.text(`/v1/alerts/${encodeURIComponent(harbour.id)}/cap/${sequence}`);
      if (answer.status === 404) break;
      expect(answer.contentType).toMatch(/application\/cap\+xml/);
      const file = resolve(dir, `${sequence}.xml`);
      writeFileSync(file, answer.body);
      const lint = xmllint(['--noout', '--schema', SCHEMA, file]);
      expect({ sequence, status: lint.status, stderr: lint.stderr.trim() }).toEqual({ sequence, status: 0, stderr: `${file} validates` });
      types.push(/<msgType>(\w+)<\/msgType>/.exec(answer.body)![1]);
    }
    expect(types[0]).toBe('Alert');
    expect(types.at(-1)).toBe('Cancel');
    expect(types.slice(1, -1).every((m) => m === 'Update')).toBe(true);
    const feed = await alerting.text('/v1/cap/alerts.atom');
    expect(feed.status).toBe(200);
    expect(feed.body).toContain('<feed');
  });

  it('publishes every change as an alert event on Kafka, each with a stable id', async () => {
    await expectEventually(() => {
      const harbour = alerts.find((a) => a.zoneId === 'assens-havn');
      // At least once: a repeat carries the id of the event it repeats.
      const mine = [...new Map(events.json<Json>().filter((e) => e.alert.id === harbour.id).map((e) => [e.id, e])).values()];
      expect(mine.map((e) => e.change.kind)).toEqual((harbour.history as Json[]).map((h) => h.kind));
    });
  });

  it('exports alert metrics: changes, open alerts, notifications sent and outbox depth', async () => {
    await expectEventually(async () => {
      const metrics = (await alerting.text('/metrics')).body;
      const opened = /^klimavagt_alert_changes_total\{change="opened",app="alerting"\} (\d+)/m.exec(metrics);
      expect(Number(opened?.[1])).toBeGreaterThanOrEqual(COASTAL.length);
      expect(metrics).toMatch(/^klimavagt_notifications_total\{channel="kafka",result="sent",app="alerting"\} [1-9]/m);
      expect(metrics).toContain('# TYPE klimavagt_alerts_open gauge');
      expect(metrics).toContain('# TYPE klimavagt_notification_outbox_depth gauge');
      expect(metrics).toMatch(/^klimavagt_alert_time_to_resolve_seconds_count\{[^}]*severity="yellow"[^}]*\} [1-9]/m);
    });
  });
});
