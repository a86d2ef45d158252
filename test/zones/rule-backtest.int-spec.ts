// Trying a rule on the past: the seeded harbour zone's sea-level rule, and a stricter candidate, over the stored
// (synthetic) 2023 storm — reported, never signalled.
import { BacktestReport, stormflod2023 } from '@klimavagt/domain';
import { ObservationsRepository } from '@klimavagt/storage';
import { createTestDatabase, expectEventually, RunningApi, startApi, TestDatabase } from '@klimavagt/test-harness';

describe('POST /v1/zones/:id/backtest', () => {
  let t: TestDatabase;
  let api: RunningApi;

  beforeAll(async () => {
    t = await createTestDatabase('postgres');
    await new ObservationsRepository(t.db).upsert(stormflod2023().observations);
    api = await startApi(t);
    await expectEventually(async () => expect((await api.call('GET', '/v1/zones/assens-havn')).status).toBe(200)); // seeded
  });
  afterAll(async () => {
    await api?.close();
    await t?.close();
  });

  const backtest = async (body: unknown) => {
    const answer = await api.call('POST', '/v1/zones/assens-havn/backtest', body);
    return answer as { status: number; body: { stationIds: string[]; report: BacktestReport } };
  };
  const harbour = async () => (await api.call('GET', '/v1/zones/assens-havn')).body as { rules: { id: string; spec: Record<string, unknown> }[] };
  const range = { from: '2023-10-19T00:00:00Z', to: '2023-10-23T00:00:00Z' };

  it("reports the seeded sea-level rule's firings, episode, peak and lead time on the 2023 storm", async () => {
    const zone = await harbour();
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
    const zone = await harbour();
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
