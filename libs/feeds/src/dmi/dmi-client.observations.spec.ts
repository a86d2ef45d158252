// Observation paging against the fake DMI: next links followed, stop rules, parameters passed through unmapped.
import { FakeDmiServer } from '../../../../test/harness/fake-dmi/fake-dmi-server';
import { DmiClient, DmiObservationPage } from './index';

const FAST = { timeoutMs: 2000, maxAttempts: 3, backoffBaseMs: 1, backoffMaxMs: 5 };

async function collect(pages: AsyncIterable<DmiObservationPage>): Promise<DmiObservationPage[]> {
  const out: DmiObservationPage[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

function tenMinuteSeries(count: number, stationId = '9020201', parameterId = 'sea_reg') {
  return Array.from({ length: count }, (_, i) => ({
    stationId,
    parameterId,
    observed: new Date(Date.UTC(2023, 9, 20, 18, 0) + i * 600_000).toISOString().replace('.000Z', 'Z'),
    value: 120 + i,
    location: [9.8897, 55.2706] as [number, number],
  }));
}

describe('DmiClient.fetchObservationPages', () => {
  let dmi: FakeDmiServer;
  let client: DmiClient;

  beforeEach(async () => {
    dmi = await FakeDmiServer.start({ port: 0 });
    client = new DmiClient({ ...FAST, baseUrl: dmi.baseUrl, pageLimit: 4 });
  });
  afterEach(() => dmi.stop());

  it('follows next links and stops on the first short page', async () => {
    dmi.addObservations('oceanObs', tenMinuteSeries(10));
    const pages = await collect(
      client.fetchObservationPages('oceanObs', { datetime: '2023-10-20T00:00:00Z/..', stationId: '9020201' }),
    );
    expect(pages.map((p) => p.numberReturned)).toEqual([4, 4, 2]);
    expect(dmi.requests.map((r) => r.query.offset)).toEqual([undefined, '4', '8']);
    expect(dmi.requests[0].path).toBe('/v2/oceanObs/collections/observation/items');
    expect(dmi.requests[0].query).toEqual({
      datetime: '2023-10-20T00:00:00Z/..',
      stationId: '9020201',
      limit: '4',
    });
    // DMI orders newest first; every value arrives exactly once across the pages.
    const values = pages.flatMap((p) => p.features.map((f) => f.properties.value));
    expect(values).toEqual([129, 128, 127, 126, 125, 124, 123, 122, 121, 120]);
    expect(pages[0].timeStamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it('stops on an empty page when the total is an exact multiple of the limit', async () => {
    dmi.addObservations('oceanObs', tenMinuteSeries(8));
    const pages = await collect(
      client.fetchObservationPages('oceanObs', { datetime: '2023-10-20T00:00:00Z/..' }),
    );
    expect(pages.map((p) => p.numberReturned)).toEqual([4, 4]);
    expect(dmi.requests).toHaveLength(3); // the third answer is empty and ends the walk
  });

  it('makes one request when everything fits on the first page, honouring a per-query limit', async () => {
    dmi.addObservations('oceanObs', tenMinuteSeries(10));
    const pages = await collect(
      client.fetchObservationPages('oceanObs', { datetime: '2023-10-20T00:00:00Z/..', limit: 1000 }),
    );
    expect(pages).toHaveLength(1);
    expect(pages[0].numberReturned).toBe(10);
    expect(dmi.requests).toHaveLength(1);
    expect(dmi.requests[0].query.limit).toBe('1000');
  });

  it('yields nothing when DMI has no matching observations', async () => {
    const pages = await collect(
      client.fetchObservationPages('metObs', { datetime: '2023-10-20T00:00:00Z/..' }),
    );
    expect(pages).toEqual([]);
  });

  it('passes sealev_dvr and sea_reg through unchanged, with qcStatus and [lon, lat] geometry', async () => {
    dmi.addObservations('oceanObs', [
      {
        stationId: '23293',
        parameterId: 'sealev_dvr',
        observed: '2023-10-20T21:00:00Z',
        value: 151,
        location: [9.753, 55.5595],
      },
      {
        stationId: '9020201',
        parameterId: 'sea_reg',
        observed: '2023-10-20T21:00:00Z',
        value: 202,
        location: [9.8897, 55.2706],
      },
    ]);
    const pages = await collect(
      client.fetchObservationPages('oceanObs', {
        datetime: '2023-10-20T21:00:00Z',
        bbox: '9.6,54.9,10.9,55.7',
      }),
    );
    const features = pages.flatMap((p) => p.features);
    expect(
      features.map((f) => [f.properties.stationId, f.properties.parameterId, f.properties.value]),
    ).toEqual([
      ['23293', 'sealev_dvr', 151],
      ['9020201', 'sea_reg', 202],
    ]);
    expect(features[1]).toMatchObject({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [9.8897, 55.2706] },
      properties: { observed: '2023-10-20T21:00:00Z', created: '2023-10-20T21:00:00Z', qcStatus: 'auto' },
    });
    expect(typeof features[1].id).toBe('string');
    expect(dmi.requests[0].query.bbox).toBe('9.6,54.9,10.9,55.7');
  });

  it('sends parameterId and keeps metObs station ids with leading zeros', async () => {
    dmi.addObservations('metObs', [
      {
        stationId: '06123',
        parameterId: 'precip_past10min',
        observed: '2023-10-20T21:00:00Z',
        value: 0.4,
        location: [9.8882, 55.2444],
      },
      {
        stationId: '06123',
        parameterId: 'wind_speed',
        observed: '2023-10-20T21:00:00Z',
        value: 21.3,
        location: [9.8882, 55.2444],
      },
    ]);
    const pages = await collect(
      client.fetchObservationPages('metObs', {
        datetime: '2023-10-20T20:00:00Z/2023-10-20T22:00:00Z',
        stationId: '06123',
        parameterId: 'wind_speed',
      }),
    );
    const features = pages.flatMap((p) => p.features);
    expect(features).toHaveLength(1);
    expect(features[0].properties).toEqual({
      created: '2023-10-20T21:00:00Z',
      observed: '2023-10-20T21:00:00Z',
      parameterId: 'wind_speed',
      stationId: '06123',
      value: 21.3,
    });
    expect(dmi.requests[0].query.stationId).toBe('06123');
  });

  it('refuses a next link that repeats an earlier page instead of looping forever', async () => {
    const loop = JSON.stringify({
      type: 'FeatureCollection',
      features: tenMinuteSeries(4).map((o, i) => ({
        type: 'Feature',
        id: `id-${i}`,
        geometry: { type: 'Point', coordinates: o.location },
        properties: {
          created: o.observed,
          observed: o.observed,
          parameterId: o.parameterId,
          stationId: o.stationId,
          value: o.value,
        },
      })),
      timeStamp: '2023-10-20T22:00:00Z',
      numberReturned: 4,
      links: [
        { href: `${dmi.baseUrl}/v2/oceanObs/collections/observation/items?datetime=x&limit=4`, rel: 'next' },
      ],
    });
    dmi.respondRawNext(200, loop);
    dmi.respondRawNext(200, loop);
    const walk = collect(client.fetchObservationPages('oceanObs', { datetime: 'x' }));
    await expect(walk).rejects.toMatchObject({ code: 'malformed-response', retriable: false });
  });
});
