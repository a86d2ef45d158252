// The API's observation reads on both engines: latest per station and parameter, raw/hourly/daily series, 400s.
import type { Observation } from '@klimavagt/domain';
import { ObservationsRepository, StationsRepository } from '@klimavagt/storage';
import { createTestDatabase, RunningApi, startApi, TEST_ENGINES, TestDatabase } from '@klimavagt/test-harness';

const obs = (stationId: string, observedAt: string, value: number): Observation => ({
  stationId,
  parameter: 'sea_level',
  observedAt,
  value,
  unit: 'm',
  source: 'dmi-oceanobs',
  quality: 'ok',
  createdAt: observedAt,
  receivedAt: observedAt,
});

describe.each(TEST_ENGINES)('API reads on %s', (engine) => {
  let t: TestDatabase;
  let api: RunningApi;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    // The 2023 storm at Assens, coarsely: 10-minute values across two days, peaking at 2.02 m.
    const values: Observation[] = [];
    for (let i = 0; i < 288; i++) {
      const at = new Date(Date.UTC(2023, 9, 20, 0, i * 10)).toISOString();
      values.push(obs('9020201', at, Math.round((0.5 + 1.52 * Math.exp(-(((i - 170) / 40) ** 2))) * 100) / 100));
    }
    await new ObservationsRepository(t.db).upsert(values);
    await new StationsRepository(t.db).upsert([
      { id: '9020201', name: 'Assens Havn I', source: 'dmi-oceanobs', owner: 'Kystdirektoratet', location: [9.8897, 55.2706], providerParameters: ['sea_reg'], parameters: ['sea_level'] },
    ]);
    api = await startApi(t);
  });
  afterAll(async () => {
    await api?.close();
    await t?.close();
  });

  const get = (path: string) => api.call('GET', path);

  it('lists the stations', async () => {
    const { status, body } = await get('/v1/stations?source=dmi-oceanobs');
    expect(status).toBe(200);
    expect(body).toEqual([expect.objectContaining({ id: '9020201', owner: 'Kystdirektoratet', location: [9.8897, 55.2706] })]);
  });

  it('answers the latest value per station and parameter', async () => {
    const { body } = await get('/v1/observations/latest?stationId=9020201');
    expect(body).toEqual([expect.objectContaining({ stationId: '9020201', parameter: 'sea_level', observedAt: '2023-10-21T23:50:00.000Z' })]);
  });

  it('serves raw, hourly and daily series; the daily maximum is the storm peak', async () => {
    const range = 'stationId=9020201&parameter=sea_level&from=2023-10-20T00:00:00Z&to=2023-10-22T00:00:00Z';
    const raw = await get(`/v1/observations/series?${range}`);
    expect((raw.body.points as unknown[]).length).toBe(288);
    const hourly = await get(`/v1/observations/series?${range}&resolution=hour`);
    const hours = hourly.body.points as { at: string; samples: number; max: number }[];
    expect(hours).toHaveLength(48);
    expect(hours.every((h) => h.samples === 6)).toBe(true);
    const daily = await get(`/v1/observations/series?${range}&resolution=day`);
    const days = daily.body.points as { at: string; max: number }[];
    expect(days.map((d) => [d.at, d.max])).toEqual([
      ['2023-10-20T00:00:00.000Z', expect.any(Number)],
      ['2023-10-21T00:00:00.000Z', 2.02],
    ]);
    expect(days[0].max).toBeLessThan(2.02);
  });

  it('answers a malformed query with 400 naming the field', async () => {
    const bad = await get('/v1/observations/series?stationId=9020201&parameter=sea_level&from=yesterday&to=2023-10-22T00:00:00Z');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: 'invalid-request', message: expect.stringContaining('from') });
    const injection = await get(`/v1/observations/latest?stationId=${encodeURIComponent("1' OR '1'='1")}`);
    expect(injection.status).toBe(400);
  });
});
