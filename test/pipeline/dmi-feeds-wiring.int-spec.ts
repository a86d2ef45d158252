// The ingest app with DMI polling switched on, against a fake DMI: stations land in the registry, observations
// and storm-surge forecasts (with their model run) reach their topics, and the feed metrics move.
import type { SeaLevelForecastV1 } from '@klimavagt/contracts';
import type { Observation } from '@klimavagt/domain';
import { StationsRepository } from '@klimavagt/storage';
import { createTestDatabase, expectEventually, RunningIngest, startIngest, TestDatabase, TopicReader } from '@klimavagt/test-harness';
import { FakeDmiServer } from '../harness/fake-dmi/fake-dmi-server';

describe('ingest app polling DMI', () => {
  let dmi: FakeDmiServer;
  let t: TestDatabase;
  let ingest: RunningIngest;
  const readers: TopicReader[] = [];

  beforeAll(async () => {
    dmi = await FakeDmiServer.start();
    const now = Date.now();
    const iso = (ms: number) => new Date(Math.floor(ms / 600_000) * 600_000).toISOString();
    dmi.addStations('oceanObs', [
      { stationId: '9020201', name: 'Assens Havn I', location: [9.8897, 55.2706], validFrom: '2001-01-01T00:00:00Z', validTo: '2015-01-01T00:00:00Z', parameterIds: ['sealev_ln'] },
      { stationId: '9020201', name: 'Assens Havn I', location: [9.8897, 55.2706], validFrom: '2015-01-01T00:00:00Z', validTo: null, parameterIds: ['sea_reg'] },
      { stationId: '6401', name: 'København', location: [12.6, 55.7], validFrom: '2015-01-01T00:00:00Z', validTo: null, parameterIds: ['sealev_dvr'] },
    ]);
    dmi.addStations('metObs', [
      { stationId: '06123', name: 'Assens/Torø', location: [9.8882, 55.2444], validFrom: '2015-01-01T00:00:00Z', validTo: null, parameterIds: ['wind_speed', 'wind_dir', 'precip_past10min'] },
    ]);
    dmi.addObservations('oceanObs', [{ stationId: '9020201', parameterId: 'sea_reg', observed: iso(now - 3_600_000), value: 87 }]);
    dmi.addObservations('metObs', [
      { stationId: '06123', parameterId: 'wind_dir', observed: iso(now - 3_600_000), value: 0 },
      { stationId: '06123', parameterId: 'precip_past10min', observed: iso(now - 3_600_000), value: -0.1 },
    ]);
    const hours = (h: number) => new Date(Math.ceil(now / 3_600_000) * 3_600_000 + h * 3_600_000).toISOString();
    dmi.setForecast('dkss_lb', 9.88, 55.27, { runTime: '2023-10-20T12:00:00Z', points: [{ at: hours(1), levelM: 1.21 }, { at: hours(2), levelM: 1.83 }, { at: hours(3), levelM: null }] });
    t = await createTestDatabase('postgres');
    ingest = await startIngest(t.url, { DMI_POLL_ENABLED: 'true', DMI_BASE_URL: dmi.baseUrl, DMI_SETTLE_MS: '0' });
    readers.push(await TopicReader.start(`${ingest.config.KAFKA_TOPIC_PREFIX}observations.v1`));
    readers.push(await TopicReader.start(`${ingest.config.KAFKA_TOPIC_PREFIX}sea-level-forecasts.v1`));
  });
  afterAll(async () => {
    for (const r of readers) await r.stop();
    await ingest?.app.close();
    await t?.close();
    await dmi?.stop();
  });

  it('loads the current station records inside the bbox into the registry', async () => {
    await expectEventually(async () => {
      const stations = await new StationsRepository(t.db).list();
      expect(stations.map((s) => [s.id, s.owner, s.parameters])).toEqual([
        ['06123', 'DMI', ['wind_speed', 'wind_dir', 'precip_past10min']],
        ['9020201', 'Kystdirektoratet', ['sea_level']],
      ]);
    });
  });

  it('publishes both feeds, with DMI conventions mapped (sea_reg cm → m, calm wind, trace of rain)', async () => {
    await expectEventually(() => {
      const seen = readers[0].json<Observation>().map((o) => [o.stationId, o.parameter, o.value, o.quality]);
      expect(seen).toEqual(
        expect.arrayContaining([
          ['9020201', 'sea_level', 0.87, 'ok'],
          ['06123', 'wind_dir', 0, 'calm'],
          ['06123', 'precip_past10min', 0, 'trace'],
        ]),
      );
    });
  });

  it('publishes the storm-surge forecast of each coastal gauge with its model run time', async () => {
    await expectEventually(() => {
      const forecast = readers[1].json<SeaLevelForecastV1>().find((f) => f.stationId === '9020201' && f.collection === 'dkss_lb');
      expect(forecast).toMatchObject({ runTime: '2023-10-20T12:00:00.000Z', gridPoint: [9.88, 55.27] });
      expect(forecast!.points.map((p) => p.levelM)).toEqual([1.21, 1.83]);
    });
  });

  it('reports feed health as metrics', async () => {
    await expectEventually(async () => {
      const metrics = await (await fetch(`${ingest.url}/metrics`)).text();
      expect(metrics).toMatch(/klimavagt_feed_last_success_timestamp_seconds\{feed="dmi-oceanobs",app="ingest"\} \d+/);
      expect(metrics).toMatch(/klimavagt_observations_accepted_total\{source="dmi-metobs",app="ingest"\} 2/);
    });
  });
});
