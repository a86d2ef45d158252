// Trying a rule on the past: the seeded harbour zone's sea-level rule, and a stricter candidate, over the stored
// (synthetic) 2023 storm — reported, never signalled.
import type { INestApplication } from '@nestjs/common';
import { loadConfig } from '@klimavagt/config';
import { BacktestReport, stormflod2023 } from '@klimavagt/domain';
import { startService } from '@klimavagt/platform';
import { ObservationsRepository } from '@klimavagt/storage';
import { createTestDatabase, expectEventually, TestDatabase, testKafkaBrokers, uniqueName } from '@klimavagt/test-harness';
import { ApiModule } from '../../apps/api/src/api.module';

describe('POST /v1/zones/:id/backtest', () => {
  let t: TestDatabase;
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    t = await createTestDatabase('postgres');
    await new ObservationsRepository(t.db).upsert(stormflod2023().observations);
    const config = loadConfig({ DATABASE_URL: t.url, KAFKA_BROKERS: testKafkaBrokers().join(','), KAFKA_TOPIC_PREFIX: `${uniqueName('bt')}.`, LOG_LEVEL: 'warn' });
    app = await startService(ApiModule.forRoot(config), { app: 'api', port: 0, config, handleSignals: false });
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    await expectEventually(async () => expect((await fetch(`${url}/v1/zones/assens-havn`)).status).toBe(200)); // seeded
  });
  afterAll(async () => {
    await app?.close();
    await t?.close();
  });

  const backtest = async (body: unknown) => {
    const response = await fetch(`${url}/v1/zones/assens-havn/backtest`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as { stationIds: string[]; report: BacktestReport } };
  };
  const range = { from: '2023-10-19T00:00:00Z', to: '2023-10-23T00:00:00Z' };

  it("reports the seeded sea-level rule's firings, episode, peak and lead time on the 2023 storm", async () => {
    const zone = (await (await fetch(`${url}/v1/zones/assens-havn`)).json()) as { rules: { id: string }[] };
    const rule = zone.rules.find((r) => r.id === 'vandstand');
    const { status, body } = await backtest({ rule, ...range });
    expect(status).toBe(200);
    expect(body.stationIds).toContain('9020201');
    expect(body.report.episodes).toHaveLength(1);
    expect(body.report.episodes[0]).toMatchObject({ peakSeverity: 'red', peakValue: 2.02, peakAt: '2023-10-21T02:40:00.000Z' });
    expect(body.report.episodes[0].leadTimeMs).toBeGreaterThan(3 * 3_600_000);
    expect(body.report.firings).toBe(5); // yellow, orange, red, then down through orange and yellow
    expect(body.report.flaps).toBe(0);
    expect(body.report.missedEvents).toEqual([]);
  });

  it('shows what a 2050 level set with sea-level rise would have done (fewer hours above, still red)', async () => {
    const zone = (await (await fetch(`${url}/v1/zones/assens-havn`)).json()) as { rules: { id: string; spec: Record<string, unknown> }[] };
    const today = zone.rules.find((r) => r.id === 'vandstand')!;
    const with2050 = { ...today, id: 'vandstand-2050', spec: { ...today.spec, levelSetId: '2050-rcp45' } };
    const now = (await backtest({ rule: today, ...range })).body.report;
    const later = (await backtest({ rule: with2050, ...range })).body.report;
    expect(later.totalFiringMs).toBeLessThan(now.totalFiringMs);
    expect(later.episodes[0].peakSeverity).toBe('red');
  });

  it('refuses a rule that names a missing level set, and a forecast rule, with 400 and a reason', async () => {
    const missing = await backtest({ rule: { id: 'x', hazard: 'coastal-flooding', spec: { kind: 'threshold', parameter: 'sea_level', levelSetId: 'nope', minDurationMs: 0 }, enabled: true }, ...range });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toMatch(/nope/);
    const forecast = await backtest({ rule: { id: 'f', hazard: 'coastal-flooding', spec: { kind: 'forecast', levelSetId: 'today', horizonMs: 3_600_000 }, enabled: true }, ...range });
    expect(forecast.status).toBe(400);
  });
});
