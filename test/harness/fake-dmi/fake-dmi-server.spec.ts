// The fake must answer like DMI: query semantics, paging links, error bodies, station records, CoverageJSON.
import { FakeDmiServer } from './fake-dmi-server';

/** Loose view of a DMI answer; the assertions pin the exact shape. */
interface Body {
  [key: string]: unknown;
  features: { properties: Record<string, unknown> }[];
  links: { href: string; rel: string }[];
  numberReturned: number;
  type: string;
  timeStamp: string;
  domain: { axes: { t: { values: string[] }; x: { values: number[] } } };
  ranges: Record<string, unknown>;
}

describe('FakeDmiServer', () => {
  let dmi: FakeDmiServer;
  const get = async (path: string) => {
    const res = await fetch(`${dmi.baseUrl}${path}`);
    return { status: res.status, headers: res.headers, body: (await res.json()) as Body };
  };
  const observed = (body: Body) => body.features.map((f) => f.properties.observed);

  beforeEach(async () => {
    dmi = await FakeDmiServer.start();
    dmi.addObservations('oceanObs', [
      {
        stationId: '9020201',
        parameterId: 'sea_reg',
        observed: '2023-10-20T20:00:00Z',
        value: 150,
        location: [9.8897, 55.2706],
      },
      {
        stationId: '9020201',
        parameterId: 'sea_reg',
        observed: '2023-10-20T21:00:00Z',
        value: 180,
        location: [9.8897, 55.2706],
      },
      {
        stationId: '9020201',
        parameterId: 'sea_reg',
        observed: '2023-10-20T22:00:00Z',
        value: 202,
        location: [9.8897, 55.2706],
      },
      {
        stationId: '28548',
        parameterId: 'sealev_dvr',
        observed: '2023-10-20T21:00:00Z',
        value: 186,
        location: [10.6724, 54.7517],
      },
    ]);
  });
  afterEach(() => dmi.stop());

  it('binds to 127.0.0.1 on a free port', () => {
    expect(dmi.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers a DMI FeatureCollection, newest first by default, with a self link and no next on a short page', async () => {
    const { status, headers, body } = await get(
      '/v2/oceanObs/collections/observation/items?stationId=9020201',
    );
    expect(status).toBe(200);
    expect(headers.get('content-type')).toContain('application/geo+json');
    expect(body).toMatchObject({ type: 'FeatureCollection', numberReturned: 3 });
    expect(body.timeStamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(observed(body)).toEqual(['2023-10-20T22:00:00Z', '2023-10-20T21:00:00Z', '2023-10-20T20:00:00Z']);
    expect(Object.keys(body.features[0].properties)).toEqual([
      'created',
      'observed',
      'parameterId',
      'qcStatus',
      'stationId',
      'value',
    ]);
    expect(body.links).toEqual([
      {
        href: `${dmi.baseUrl}/v2/oceanObs/collections/observation/items?stationId=9020201`,
        rel: 'self',
        type: 'application/geo+json',
        title: 'This document',
      },
    ]);
  });

  it('sorts ascending on request and pages with limit/offset and a next link like DMI', async () => {
    const first = await get('/v2/oceanObs/collections/observation/items?limit=2&sortorder=observed,ASC');
    expect(observed(first.body)).toEqual(['2023-10-20T20:00:00Z', '2023-10-20T21:00:00Z']);
    const next = first.body.links.find((l) => l.rel === 'next');
    expect(next).toEqual({
      href: `${dmi.baseUrl}/v2/oceanObs/collections/observation/items?limit=2&sortorder=observed,ASC&offset=2`,
      rel: 'next',
      type: 'application/geo+json',
      title: 'Next set of results',
    });
    const second = await get(next!.href.slice(dmi.baseUrl.length));
    expect(second.body.numberReturned).toBe(2);
    expect(second.body.links.map((l) => l.rel)).toEqual(['self', 'next']);
  });

  it('answers station after station when asked (ascending ids, each station by time), pages included', async () => {
    dmi.answerObservationsBy('station');
    const all = await get('/v2/oceanObs/collections/observation/items');
    const order = (body: Body) => body.features.map((f) => `${f.properties.stationId}@${f.properties.observed}`);
    expect(order(all.body)).toEqual([
      '28548@2023-10-20T21:00:00Z',
      '9020201@2023-10-20T22:00:00Z',
      '9020201@2023-10-20T21:00:00Z',
      '9020201@2023-10-20T20:00:00Z',
    ]);
    const ascending = await get('/v2/oceanObs/collections/observation/items?sortorder=observed,ASC&limit=2&offset=2');
    expect(order(ascending.body)).toEqual(['9020201@2023-10-20T21:00:00Z', '9020201@2023-10-20T22:00:00Z']);
  });

  it('replaces a value by its revision (same station, parameter and instant), as DMI serves only the newest', async () => {
    dmi.reviseObservations('oceanObs', [
      { stationId: '9020201', parameterId: 'sea_reg', observed: '2023-10-20T21:00:00.000Z', value: 181, created: '2023-10-20T21:30:00Z' },
    ]);
    const { body } = await get(`/v2/oceanObs/collections/observation/items?stationId=9020201&datetime=${encodeURIComponent('2023-10-20T21:00:00Z')}`);
    expect(body.features.map((f) => [f.properties.value, f.properties.created])).toEqual([[181, '2023-10-20T21:30:00Z']]);
  });

  it.each([
    ['2023-10-20T21:00:00Z', 2],
    ['2023-10-20T21:00:00Z/2023-10-20T22:00:00Z', 3],
    ['2023-10-20T21:00:00Z/..', 3],
    ['../2023-10-20T21:00:00Z', 3],
    ['2023-10-20T21:00:00+02:00/..', 4],
  ])('filters datetime=%s inclusively', async (datetime, count) => {
    const { body } = await get(
      `/v2/oceanObs/collections/observation/items?datetime=${encodeURIComponent(datetime)}`,
    );
    expect(body.numberReturned).toBe(count);
  });

  it('filters by parameterId and bbox', async () => {
    const byParameter = await get('/v2/oceanObs/collections/observation/items?parameterId=sealev_dvr');
    expect(byParameter.body.features.map((f) => f.properties.stationId)).toEqual(['28548']);
    const assensOnly = await get('/v2/oceanObs/collections/observation/items?bbox=9.6,55.0,10.0,55.7');
    expect(assensOnly.body.numberReturned).toBe(3);
  });

  it.each([
    ['datetime=yesterday', 'Invalid datetime: yesterday'],
    ['datetime=../..', 'Invalid datetime: ../..'],
    ['limit=0', 'Invalid limit: 0 (1..300000)'],
    ['limit=300001', 'Invalid limit: 300001 (1..300000)'],
    ['bbox=1,2,3', 'Invalid bbox: 1,2,3'],
    ['sortorder=value,DESC', 'Invalid sortorder: value,DESC'],
  ])("answers 400 with DMI's error body for %s", async (query, message) => {
    const { status, body } = await get(`/v2/oceanObs/collections/observation/items?${query}`);
    expect(status).toBe(400);
    expect(body).toEqual({ message, status: 400, error: 'Bad Request' });
  });

  it('injects failures with Retry-After and redirects, one request each, and records requests', async () => {
    dmi.failNext(1, 429, { retryAfterSeconds: 3 });
    dmi.redirectNext('http://127.0.0.2/elsewhere', 308);
    const limited = await fetch(`${dmi.baseUrl}/v2/metObs/collections/observation/items`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(await limited.json()).toEqual({
      message: 'Server is busy. Please try again later.',
      status: 429,
      error: 'Too Many Requests',
    });
    const moved = await fetch(`${dmi.baseUrl}/v2/metObs/collections/observation/items`, {
      redirect: 'manual',
    });
    expect(moved.status).toBe(308);
    expect(moved.headers.get('location')).toBe('http://127.0.0.2/elsewhere');
    const normal = await get('/v2/metObs/collections/observation/items?limit=5');
    expect(normal.status).toBe(200);
    expect(dmi.requests.map((r) => r.query)).toEqual([{}, {}, { limit: '5' }]);
  });

  it("serves station validity records with DMI's metadata fields", async () => {
    dmi.addStations('metObs', [
      {
        stationId: '06123',
        name: 'Assens/Torø',
        location: [9.8882, 55.2444],
        validFrom: '2019-01-15T13:34:47Z',
        validTo: null,
        parameterIds: ['temp_dry'],
        type: 'Synop',
      },
    ]);
    const { body } = await get('/v2/metObs/collections/station/items');
    expect(body.features[0]).toMatchObject({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [9.8882, 55.2444] },
      properties: {
        stationId: '06123',
        status: 'Active',
        validTo: null,
        parameterId: ['temp_dry'],
        country: 'DNK',
      },
    });
  });

  it('answers the EDR position query with CoverageJSON from the nearest grid point', async () => {
    dmi.setForecast('dkss_lb', 9.885, 55.27, { points: [{ at: '2023-10-21T03:00:00Z', levelM: 1.83 }] });
    dmi.setForecast('dkss_lb', 10.2, 55.1, { points: [{ at: '2023-10-21T03:00:00Z', levelM: 1.9 }] });
    const { status, body } = await get(
      '/v1/forecastedr/collections/dkss_lb/position?coords=POINT(9.89%2055.27)&crs=crs84&parameter-name=sea-mean-deviation',
    );
    expect(status).toBe(200);
    expect(body.type).toBe('Coverage');
    expect(body.domain.axes.t.values).toEqual(['2023-10-21T03:00:00.000Z']);
    expect(body.domain.axes.x.values).toEqual([9.885]);
    expect(body.ranges['sea-mean-deviation']).toMatchObject({
      type: 'NdArray',
      shape: [1, 1, 1],
      values: [1.83],
    });
    expect(JSON.stringify(body)).not.toMatch(/run|reference/i);
    const bad = await get(
      '/v1/forecastedr/collections/dkss_lb/position?coords=POINT(9.89%2055.27)&parameter-name=wind-speed',
    );
    expect(bad.status).toBe(400);
  });
});
