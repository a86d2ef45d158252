// Lost coverage on the risk map, end to end: zone-risk.v1 outcomes recorded by the real recorder, the alerts they
// raise taken by the real alerting app, the map read from the real API (JSON and the page in Debian's Chromium).
// The harbour's gauge falls silent at 22:50 while it is orange and speaks again at 00:00: inside the gap the
// harbour is unknown (grey), never clear and not "orange" on a gauge nobody hears; after it, orange again.
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { chromium } from 'playwright-core';
import { AlertSignalsV1, ZoneRiskV1 } from '@klimavagt/contracts';
import { deriveAlertSignals, signalId, type Vote, type ZoneRuleOutcome } from '@klimavagt/domain';
import { createKafka, EventPublisher } from '@klimavagt/messaging';
import { startService } from '@klimavagt/platform';
import {
  alertingTestConfig,
  createTestDatabase,
  expectEventually,
  RunningAlerting,
  RunningApi,
  startAlerting,
  startApi,
  TestDatabase,
  testKafkaBrokers,
} from '@klimavagt/test-harness';
import { RecorderModule } from '../../apps/recorder/src/recorder.module';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the map's GeoJSON as the test reads it
type Json = any;

const IN_GAP = '2023-10-20T23:30:00.000Z';
const AFTER_GAP = '2023-10-21T00:10:00.000Z';
const ARTIFACTS = resolve(__dirname, '../../test-artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

const HEARD: Vote[] = [{ stationId: '9020201', severity: 'orange', status: 'ok' }];
const SILENT: Vote[] = [{ stationId: '9020201', severity: null, status: 'silent' }];

function outcome(zoneId: string, ruleId: string, at: string, state: ZoneRuleOutcome['state'], votes: Vote[] = HEARD): ZoneRuleOutcome {
  return { zoneId, ruleId, hazard: 'coastal-flooding', state, votes, at };
}

/** In the order the evaluator decided them (per zone: the topic's key order). */
const OUTCOMES: ZoneRuleOutcome[] = [
  // The harbour: orange, gauge silent 22:50 – 00:00 (a `degraded` signal; the alert keeps orange), orange again.
  outcome('assens-havn', 'vandstand', '2023-10-20T22:00:00.000Z', 'orange'),
  outcome('assens-havn', 'vandstand', '2023-10-20T22:50:00.000Z', 'unknown', SILENT),
  // ... and its silence rule pages "gauge silent" (yellow) for the span: a page about the loss, not a level.
  outcome('assens-havn', 'maaler-tavs', '2023-10-20T22:50:00.000Z', 'yellow', [{ stationId: '9020201', severity: 'yellow', status: 'silent' }]),
  outcome('assens-havn', 'vandstand', '2023-10-21T00:00:00.000Z', 'orange'),
  outcome('assens-havn', 'maaler-tavs', '2023-10-21T00:00:00.000Z', null),
  // Nordre Havnevej: the same gap, but the storm-surge forecast (which hears the model, not the gauge) says yellow.
  outcome('nordre-havnevej', 'dkss-prognose', '2023-10-20T22:30:00.000Z', 'yellow', []),
  outcome('nordre-havnevej', 'vandstand', '2023-10-20T22:00:00.000Z', null),
  outcome('nordre-havnevej', 'vandstand', '2023-10-20T22:50:00.000Z', 'unknown', SILENT),
  // Willemoesgade: only a forecast rule and the silence rule were unknown — neither says anything about coverage.
  outcome('willemoesgade', 'dkss-prognose', '2023-10-20T22:00:00.000Z', 'unknown', []),
  outcome('willemoesgade', 'maaler-tavs', '2023-10-20T22:00:00.000Z', 'unknown', SILENT),
];
/** Torø Huse has an alert but no outcome recorded: the map shows it as before outcomes were recorded. */
const TOROE_ALERT_ONLY: ZoneRuleOutcome = outcome('toroe-huse', 'vandstand', '2023-10-20T22:10:00.000Z', 'yellow');

describe('lost coverage on the risk map', () => {
  let t: TestDatabase;
  let api: RunningApi;
  let alerting: RunningAlerting;
  let recorder: INestApplication;
  let publisher: EventPublisher;

  beforeAll(async () => {
    t = await createTestDatabase('postgres');
    // The API seeds the Assens zones on an empty database; the recorder and alerting share one topic prefix.
    api = await startApi(t);
    const config = alertingTestConfig(t);
    recorder = await startService(RecorderModule.forRoot(config), { app: 'recorder', port: 0, config });
    alerting = await startAlerting(config);
    const kafka = createKafka({ brokers: testKafkaBrokers(), clientId: 'risk-map-coverage-test', connectTimeoutMs: 5_000, requestTimeoutMs: 30_000 });
    publisher = new EventPublisher(kafka, { publishTimeoutMs: 15_000, topicPrefix: config.KAFKA_TOPIC_PREFIX });

    // The signals are the evaluator's own step over the same outcomes.
    const signals = deriveAlertSignals([...OUTCOMES, TOROE_ALERT_ONLY]).map((s) => ({ ...s, signalId: signalId(s) }));
    expect(signals.map((s) => [s.zoneId, s.ruleId, s.kind, s.severity])).toEqual([
      ['assens-havn', 'vandstand', 'firing', 'orange'],
      ['assens-havn', 'vandstand', 'degraded', 'orange'],
      ['assens-havn', 'maaler-tavs', 'firing', 'yellow'],
      ['assens-havn', 'maaler-tavs', 'resolved', null],
      ['nordre-havnevej', 'dkss-prognose', 'firing', 'yellow'],
      ['nordre-havnevej', 'vandstand', 'degraded', null],
      ['toroe-huse', 'vandstand', 'firing', 'yellow'],
    ]);
    await publisher.publish(ZoneRiskV1, OUTCOMES);
    await publisher.publish(AlertSignalsV1, signals);

    await expectEventually(
      async () => {
        const rows = await t.db.query<{ n: string }>('SELECT count(*) n FROM zone_risk_outcomes');
        expect(Number(rows[0].n)).toBe(OUTCOMES.length);
        const alerts = (await alerting.call('GET', '/v1/alerts?state=open')).body as Json[];
        expect(alerts.map((a) => `${a.zoneId}:${a.ruleId}`).sort()).toEqual(['assens-havn:vandstand', 'nordre-havnevej:dkss-prognose', 'toroe-huse:vandstand']);
        const silence = (await alerting.call('GET', '/v1/alerts?zoneId=assens-havn&state=resolved')).body as Json[];
        expect(silence.map((a) => a.ruleId)).toEqual(['maaler-tavs']);
        // The degraded signal is the harbour alert's last change: taken once it is in the audit trail.
        const harbour = (await alerting.call('GET', `/v1/alerts/${encodeURIComponent(alerts.find((a) => a.zoneId === 'assens-havn').id)}`)).body;
        expect(JSON.stringify(harbour)).toContain('degraded');
      },
      { timeoutMs: 90_000, intervalMs: 250 },
    );
  }, 180_000);

  afterAll(async () => {
    await publisher?.disconnect();
    await alerting?.close();
    await recorder?.close();
    await api?.close();
    await t?.close();
  });

  const mapAt = async (at: string) => {
    const answer = await api.call('GET', `/v1/risk-map?at=${encodeURIComponent(at)}`);
    expect(answer.status).toBe(200);
    return (id: string) => (answer.body as Json).features.find((f: Json) => f.id === id).properties;
  };

  it('inside the gap the harbour is unknown, names the silent gauge, and lists its alert as last seen', async () => {
    const zone = await mapAt(IN_GAP);
    const harbour = zone('assens-havn');
    expect(harbour.risk['coastal-flooding']).toBe('unknown');
    expect(harbour.worst).toBe('unknown');
    expect(harbour.coverage).toBe('lost');
    expect(harbour.coverageLost).toEqual([
      { hazard: 'coastal-flooding', ruleId: 'vandstand', since: '2023-10-20T22:50:00.000Z', silentStationIds: ['9020201'], suspectStationIds: [] },
    ]);
    expect(harbour.alerts.map((a: Json) => [a.ruleId, a.severity, a.coverageLost]).sort()).toEqual([
      ['maaler-tavs', 'yellow', false],
      ['vandstand', 'orange', true],
    ]);
  });

  it('after the gap the harbour is orange from its alert, not unknown', async () => {
    const harbour = (await mapAt(AFTER_GAP))('assens-havn');
    expect(harbour.risk['coastal-flooding']).toBe('orange');
    expect(harbour.worst).toBe('orange');
    expect(harbour.coverage).toBe('ok');
    expect(harbour.coverageLost).toEqual([]);
    expect(harbour.alerts.map((a: Json) => [a.ruleId, a.severity, a.coverageLost])).toEqual([['vandstand', 'orange', false]]);
  });

  it('a definite severity from a rule that still sees stands beside lost coverage', async () => {
    const street = (await mapAt(IN_GAP))('nordre-havnevej');
    expect(street.risk['coastal-flooding']).toBe('yellow');
    expect(street.coverage).toBe('lost');
    expect(street.coverageLost.map((l: Json) => l.ruleId)).toEqual(['vandstand']);
  });

  it('stale and forecast rules say nothing about coverage; a zone with no outcomes behaves as before', async () => {
    const zone = await mapAt(IN_GAP);
    expect(zone('willemoesgade')).toMatchObject({ coverage: 'ok', coverageLost: [], worst: null });
    expect(zone('willemoesgade').risk['coastal-flooding']).toBeNull();
    expect(zone('toroe-huse')).toMatchObject({ coverage: 'ok', coverageLost: [], worst: 'yellow' });
    expect(zone('toroe-huse').risk['coastal-flooding']).toBe('yellow');
    // Before anything was decided, every zone is as it was: no risk, full coverage.
    const before = await mapAt('2023-10-20T21:00:00.000Z');
    expect(before('assens-havn')).toMatchObject({ coverage: 'ok', worst: null });
  });

  it('the page colours the harbour grey inside the gap, with the legend saying why (Danish, then English)', async () => {
    if (!CHROMIUM) throw new Error('Chromium is required for the browser test: `apt-get install chromium`, or set CHROMIUM_PATH');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(`${api.url}/map?at=${encodeURIComponent(IN_GAP)}`);
      await page.waitForSelector('body[data-loaded="true"]', { timeout: 20_000 });
      const harbour = page.locator('path.zone[data-zone-id="assens-havn"]');
      expect(await harbour.getAttribute('data-severity')).toBe('unknown');
      expect(await harbour.getAttribute('data-coverage')).toBe('lost');
      // Runs in the page; this file does not compile against the DOM library, hence the cast.
      const fill = await harbour.evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { fill: string } }).getComputedStyle(el).fill);
      expect(fill).toBe('rgb(158, 158, 158)');
      // Yellow from the forecast, its lost gauge drawn as a dashed outline.
      expect(await page.locator('path.zone[data-zone-id="nordre-havnevej"]').getAttribute('class')).toContain('coverage-lost');
      expect(await page.locator('.legend').textContent()).toContain('ukendt – dækning tabt');

      await harbour.click();
      await page.waitForSelector('#zone-coverage li');
      expect(await page.locator('#zone-coverage li').textContent()).toContain('9020201');
      expect(await page.locator('#zone-risk li[data-hazard="coastal-flooding"]').textContent()).toContain('ukendt – dækning tabt');
      await page.click('#lang');
      expect(await page.locator('.legend').textContent()).toContain('unknown – coverage lost');
      expect(await page.locator('#zone-risk li[data-hazard="coastal-flooding"]').textContent()).toContain('unknown – coverage lost');
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: resolve(ARTIFACTS, 'risk-map-coverage-lost.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  }, 60_000);
});
