// Station lists: only the current validity record survives, ids keep their leading zeros, paging is followed.
import { FakeDmiServer } from '../../../../test/harness/fake-dmi/fake-dmi-server';
import { DmiClient } from './index';

describe('DmiClient.fetchStations', () => {
  let dmi: FakeDmiServer;
  const client = (pageLimit = 1000) =>
    new DmiClient({
      baseUrl: dmi.baseUrl,
      timeoutMs: 2000,
      maxAttempts: 2,
      backoffBaseMs: 1,
      backoffMaxMs: 5,
      pageLimit,
    });

  beforeEach(async () => {
    dmi = await FakeDmiServer.start({ port: 0 });
    dmi.addStations('metObs', [
      {
        stationId: '06123',
        name: 'Assens/Torø',
        type: 'Synop',
        location: [9.88, 55.24],
        validFrom: '1997-01-01T00:00:00Z',
        validTo: '2019-01-15T13:34:47Z',
        parameterIds: ['temp_dry'],
      },
      {
        stationId: '06123',
        name: 'Assens/Torø',
        type: 'Synop',
        location: [9.8882, 55.2444],
        validFrom: '2019-01-15T13:34:47Z',
        validTo: null,
        parameterIds: ['temp_dry', 'wind_speed', 'wind_max', 'precip_past10min'],
      },
      {
        stationId: '06126',
        name: 'Årslev',
        type: 'Synop',
        location: [10.4398, 55.3088],
        validFrom: '2000-01-01T00:00:00Z',
        validTo: null,
        parameterIds: ['temp_dry'],
      },
    ]);
    dmi.addStations('oceanObs', [
      {
        stationId: '9020201',
        name: 'Assens Havn I',
        type: null,
        location: [9.8897, 55.2706],
        validFrom: '2015-01-01T00:00:00Z',
        validTo: null,
        parameterIds: ['sea_reg'],
        owner: 'Kystdirektoratet',
      },
      {
        stationId: '20098',
        name: 'Frederikshavn',
        type: 'Tide-gauge-primary',
        status: 'Active',
        location: [10.5475, 57.4358],
        validFrom: '1970-01-14T00:00:00Z',
        validTo: '1991-11-14T00:00:00Z',
        parameterIds: ['sealev_ln'],
      },
      {
        stationId: '20098',
        name: 'Frederikshavn',
        type: 'Tide-gauge-primary',
        status: 'Inactive',
        location: [10.5475, 57.4358],
        validFrom: '1991-11-14T00:00:00Z',
        validTo: null,
        parameterIds: ['sealev_ln'],
      },
    ]);
  });
  afterEach(() => dmi.stop());

  it('keeps only records with validTo null, leading zeros intact', async () => {
    const stations = await client().fetchStations('metObs');
    expect(stations).toEqual([
      {
        stationId: '06123',
        name: 'Assens/Torø',
        type: 'Synop',
        status: 'Active',
        parameterIds: ['temp_dry', 'wind_speed', 'wind_max', 'precip_past10min'],
        location: [9.8882, 55.2444],
        validFrom: '2019-01-15T13:34:47Z',
      },
      {
        stationId: '06126',
        name: 'Årslev',
        type: 'Synop',
        status: 'Active',
        parameterIds: ['temp_dry'],
        location: [10.4398, 55.3088],
        validFrom: '2000-01-01T00:00:00Z',
      },
    ]);
    expect(dmi.requests[0]).toMatchObject({
      path: '/v2/metObs/collections/station/items',
      query: { limit: '1000' },
    });
  });

  it('keeps a decommissioned station as Inactive and leaves out a type DMI does not give', async () => {
    const stations = await client().fetchStations('oceanObs');
    expect(stations.map((s) => [s.stationId, s.status, s.parameterIds])).toEqual([
      ['9020201', 'Active', ['sea_reg']],
      ['20098', 'Inactive', ['sealev_ln']],
    ]);
    expect(stations[0]).not.toHaveProperty('type');
    expect(stations[1].type).toBe('Tide-gauge-primary');
  });

  it('pages through a long station list', async () => {
    const stations = await client(2).fetchStations('metObs');
    expect(stations.map((s) => s.stationId)).toEqual(['06123', '06126']);
    expect(dmi.requests.map((r) => r.query.offset)).toEqual([undefined, '2']);
  });
});
