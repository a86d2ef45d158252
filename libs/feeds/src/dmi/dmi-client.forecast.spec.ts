// DKSS sea-level forecasts from the EDR position query: CoverageJSON parsing, null steps, model-run handling.
import { FakeDmiServer } from '../../../../test/harness/fake-dmi/fake-dmi-server';
import { DmiClient, instanceRunTime } from './index';

describe('DmiClient.fetchSeaLevelForecast', () => {
  let dmi: FakeDmiServer;
  let client: DmiClient;

  beforeEach(async () => {
    dmi = await FakeDmiServer.start({ port: 0 });
    client = new DmiClient({
      baseUrl: dmi.baseUrl,
      timeoutMs: 2000,
      maxAttempts: 3,
      backoffBaseMs: 1,
      backoffMaxMs: 5,
    });
    // The storm of 20-21 Oct 2023: DMI forecast about 1.83 m for Assens at 03:00.
    dmi.setForecast('dkss_lb', 9.885, 55.27, {
      runTime: '2023-10-20T12:00:00Z',
      points: [
        { at: '2023-10-21T00:00:00Z', levelM: 1.52 },
        { at: '2023-10-21T01:00:00Z', levelM: null },
        { at: '2023-10-21T02:00:00Z', levelM: 1.74 },
        { at: '2023-10-21T03:00:00Z', levelM: 1.83 },
        { at: '2023-10-21T04:00:00Z', levelM: 1.79 },
      ],
    });
    dmi.setForecast('dkss_lb', 9.885, 55.27, {
      runTime: '2023-10-20T06:00:00Z',
      points: [{ at: '2023-10-21T03:00:00Z', levelM: 1.6 }],
    });
  });
  afterEach(() => dmi.stop());

  it('asks DMI exactly as documented and parses the coverage, skipping null steps', async () => {
    const forecast = await client.fetchSeaLevelForecast({
      collection: 'dkss_lb',
      lon: 9.8897,
      lat: 55.2706,
      from: '2023-10-21T00:00:00Z',
      to: '2023-10-21T03:00:00Z',
    });
    expect(forecast).toEqual({
      collection: 'dkss_lb',
      location: [9.885, 55.27], // the grid point DMI used, not the one we asked for
      runTime: null, // DMI's answer does not say which run it came from
      points: [
        { at: '2023-10-21T00:00:00.000Z', levelM: 1.52 },
        { at: '2023-10-21T02:00:00.000Z', levelM: 1.74 },
        { at: '2023-10-21T03:00:00.000Z', levelM: 1.83 },
      ],
    });
    expect(dmi.requests[0].path).toBe('/v1/forecastedr/collections/dkss_lb/position');
    expect(dmi.requests[0].query).toEqual({
      coords: 'POINT(9.8897 55.2706)',
      crs: 'crs84',
      'parameter-name': 'sea-mean-deviation',
      datetime: '2023-10-21T00:00:00Z/2023-10-21T03:00:00Z',
    });
    expect(dmi.requests[0].url).toContain('coords=POINT(9.8897%2055.2706)');
  });

  it('leaves datetime out when no window is given and sends an open end for from-only', async () => {
    await client.fetchSeaLevelForecast({ collection: 'dkss_lb', lon: 9.8897, lat: 55.2706 });
    await client.fetchSeaLevelForecast({
      collection: 'dkss_lb',
      lon: 9.8897,
      lat: 55.2706,
      from: '2023-10-21T02:00:00Z',
    });
    expect(dmi.requests[0].query).not.toHaveProperty('datetime');
    expect(dmi.requests[1].query.datetime).toBe('2023-10-21T02:00:00Z/..');
  });

  it('lists model runs and pins a forecast to one, which is the only way to know its run time', async () => {
    const runs = await client.listForecastRuns('dkss_lb');
    expect(runs).toEqual([
      { instanceId: '2023-10-20T060000Z', runTime: '2023-10-20T06:00:00Z' },
      { instanceId: '2023-10-20T120000Z', runTime: '2023-10-20T12:00:00Z' },
    ]);
    const older = await client.fetchSeaLevelForecast({
      collection: 'dkss_lb',
      lon: 9.8897,
      lat: 55.2706,
      instanceId: runs[0].instanceId,
    });
    expect(older.runTime).toBe('2023-10-20T06:00:00Z');
    expect(older.points).toEqual([{ at: '2023-10-21T03:00:00.000Z', levelM: 1.6 }]);
    expect(dmi.requests[1].path).toBe(
      '/v1/forecastedr/collections/dkss_lb/instances/2023-10-20T060000Z/position',
    );
  });

  it('rejects a coverage whose values do not line up with its time steps', async () => {
    dmi.respondRawNext(
      200,
      JSON.stringify({
        type: 'Coverage',
        domain: {
          type: 'Domain',
          axes: { t: { values: ['2023-10-21T00:00:00.000Z', '2023-10-21T01:00:00.000Z'] } },
        },
        ranges: { 'sea-mean-deviation': { type: 'NdArray', dataType: 'float', values: [1.5] } },
      }),
    );
    await expect(
      client.fetchSeaLevelForecast({ collection: 'dkss_lb', lon: 9.8897, lat: 55.2706 }),
    ).rejects.toMatchObject({
      code: 'malformed-response',
      retriable: false,
      message: expect.stringContaining('1 values for 2 time steps'),
    });
  });

  it('rejects an answer without the sea-mean-deviation range', async () => {
    dmi.respondRawNext(
      200,
      JSON.stringify({ type: 'Coverage', domain: { axes: { t: { values: [] } } }, ranges: {} }),
    );
    await expect(
      client.fetchSeaLevelForecast({ collection: 'dkss_idw', lon: 11, lat: 55.5 }),
    ).rejects.toMatchObject({
      code: 'malformed-response',
    });
  });

  it("reports DMI's 404 for a point with no forecast as a client-error", async () => {
    await expect(
      client.fetchSeaLevelForecast({ collection: 'dkss_nsbs', lon: 8, lat: 56 }),
    ).rejects.toMatchObject({
      code: 'client-error',
      status: 404,
    });
  });
});

describe('instanceRunTime', () => {
  it('decodes DMI instance ids and refuses anything else', () => {
    expect(instanceRunTime('2023-10-24T120000Z')).toBe('2023-10-24T12:00:00Z');
    expect(instanceRunTime('2023-10-24T12:00:00Z')).toBe('2023-10-24T12:00:00Z');
    expect(instanceRunTime('latest')).toBeNull();
    expect(instanceRunTime('2023')).toBeNull();
  });
});
