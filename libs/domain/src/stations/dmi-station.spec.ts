import { dmiStationToStation, inBbox } from './dmi-station';

describe('dmiStationToStation', () => {
  it("marks Kystdirektoratet's 90xxxxx gauges and maps sea_reg to sea_level", () => {
    const station = dmiStationToStation(
      { stationId: '9020201', name: 'Assens Havn I', parameterIds: ['sea_reg', 'sealev_ln'], location: [9.8897, 55.2706] },
      'oceanObs',
    );
    expect(station).toEqual({
      id: '9020201',
      name: 'Assens Havn I',
      source: 'dmi-oceanobs',
      owner: 'Kystdirektoratet',
      location: [9.8897, 55.2706],
      providerParameters: ['sea_reg', 'sealev_ln'],
      parameters: ['sea_level'],
    });
  });

  it('keeps the leading zero of a DMI weather station and maps its parameters once each', () => {
    const station = dmiStationToStation(
      { stationId: '06123', name: 'Assens/Torø', parameterIds: ['wind_speed', 'wind_dir', 'humidity', 'precip_past10min'], location: [9.8882, 55.2444] },
      'metObs',
    );
    expect(station.id).toBe('06123');
    expect(station.owner).toBe('DMI');
    expect(station.parameters).toEqual(['wind_speed', 'wind_dir', 'precip_past10min']);
  });
});

describe('inBbox', () => {
  it('accepts Assens and refuses Copenhagen for the Funen + Little Belt box', () => {
    const funen = [9.6, 54.9, 10.9, 55.7] as const;
    expect(inBbox([9.8897, 55.2706], funen)).toBe(true);
    expect(inBbox([12.57, 55.68], funen)).toBe(false);
  });
});
