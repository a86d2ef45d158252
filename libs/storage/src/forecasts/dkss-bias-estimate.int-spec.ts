// Tests the README's DKSS bias estimate against a migrated database: the mean of observed − raw DKSS over the
// first hours of the newest runs, raw meaning the stored (corrected) level minus the bias applied to that run.
import type { Observation } from '@klimavagt/domain';
import { createTestDatabase, TEST_ENGINES, TestDatabase } from '@klimavagt/test-harness';
import { ObservationsRepository } from '../observations/observations.repository';
import { SeaLevelForecastsRepository } from './sea-level-forecasts.repository';

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

function observed(stationId: string, atMs: number, value: number, quality: Observation['quality'] = 'ok'): Observation {
  return { stationId, parameter: 'sea_level', observedAt: iso(atMs), value, unit: 'm', source: 'dmi-oceanobs', quality, createdAt: iso(atMs), receivedAt: iso(atMs) };
}

describe.each(TEST_ENGINES)('the DKSS bias estimate on %s', (engine) => {
  let t: TestDatabase;
  afterAll(() => t?.close());

  it('is observed − DKSS over the first hours of the newest runs, undoing the bias each run was stored with', async () => {
    t = await createTestDatabase(engine);
    const forecasts = new SeaLevelForecastsRepository(t.db);
    const observations = new ObservationsRepository(t.db);
    const run0 = Date.parse('2023-10-20T00:00:00Z');
    // Three runs six hours apart; DKSS (raw) reads 5 cm above the gauge in the first 6 h, then drifts (ignored).
    // The last run was stored with a bias of −0.03 already added.
    const obs: Observation[] = [];
    for (let h = 0; h < 24; h++) obs.push(observed('9020201', run0 + h * HOUR, 1 + h / 100));
    obs.push(observed('9020201', run0 + 1 * HOUR + 10 * 60_000, 9)); // off the hour: never paired
    await observations.upsert(obs);
    for (const [i, biasM] of [0, 0, -0.03].entries()) {
      const runMs = run0 + i * 6 * HOUR;
      const points = Array.from({ length: 12 }, (_, h) => {
        const level = 1 + (i * 6 + h) / 100 + (h < 6 ? 0.05 : 0.4);
        return { at: iso(runMs + h * HOUR), levelM: Math.round((level + biasM) * 1e6) / 1e6 };
      });
      await forecasts.upsert([{ stationId: '9020201', collection: 'dkss_lb', runTime: iso(runMs), fetchedAt: iso(runMs + HOUR), gridPoint: [9.89, 55.27], points, biasM }]);
    }
    // Another domain's run says nothing about dkss_lb.
    await forecasts.upsert([{ stationId: '9020201', collection: 'dkss_idw', runTime: iso(run0), fetchedAt: iso(run0), gridPoint: [9.89, 55.27], points: [{ at: iso(run0), levelM: 3 }] }]);

    expect(await forecasts.estimateBias({ runs: 30, hours: 6, collection: 'dkss_lb' })).toEqual([{ stationId: '9020201', biasM: -0.05, spreadM: 0, pairs: 18, runs: 3 }]);
    // The newest run only: its six hours.
    expect(await forecasts.estimateBias({ runs: 1, hours: 6, collection: 'dkss_lb' })).toEqual([{ stationId: '9020201', biasM: -0.05, spreadM: 0, pairs: 6, runs: 1 }]);
  }, 120_000);
});
