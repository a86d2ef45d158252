import { mapSensorThingsObservation } from './sensorthings-observation';

const sensor = { sensorId: 'kaerum-aa-01', stationId: 'kaerum-aa-01' };
const receivedAt = new Date('2023-10-21T03:00:10Z');

describe('mapSensorThingsObservation', () => {
  it('maps an Observation with an inline Datastream to a canonical observation', () => {
    const result = mapSensorThingsObservation(
      {
        phenomenonTime: '2023-10-21T02:50:00Z/2023-10-21T03:00:00Z',
        resultTime: '2023-10-21T03:00:05Z',
        result: 152,
        Datastream: { '@iot.id': 'water_level', unitOfMeasurement: { name: 'centimetre', symbol: 'cm', definition: 'ucum:cm' } },
      },
      sensor,
      { receivedAt },
    );
    expect(result).toEqual({
      ok: true,
      observation: expect.objectContaining({
        stationId: 'kaerum-aa-01',
        parameter: 'water_level',
        observedAt: '2023-10-21T03:00:00.000Z',
        value: 1.52,
        unit: 'm',
        createdAt: '2023-10-21T03:00:05.000Z',
        source: 'sensor-sensorthings',
      }),
    });
  });

  it('requires the Datastream to name the parameter and unit', () => {
    expect(mapSensorThingsObservation({ phenomenonTime: '2023-10-21T03:00:00Z', result: 1 }, sensor, { receivedAt })).toMatchObject({
      ok: false,
      rejection: { code: 'missing-field', field: 'Datastream.@iot.id' },
    });
  });

  it('passes unknown parameters and non-numeric results on as typed rejections', () => {
    const bad = mapSensorThingsObservation(
      { phenomenonTime: '2023-10-21T03:00:00Z', result: 'high', Datastream: { '@iot.id': 'water_level', unitOfMeasurement: { symbol: 'm' } } },
      sensor,
      { receivedAt },
    );
    expect(bad).toMatchObject({ ok: false, rejection: { code: 'wrong-type' } });
    const unknown = mapSensorThingsObservation(
      { phenomenonTime: '2023-10-21T03:00:00Z', result: 1, Datastream: { '@iot.id': 'humidity', unitOfMeasurement: { symbol: '%' } } },
      sensor,
      { receivedAt },
    );
    expect(unknown).toMatchObject({ ok: false, rejection: { code: 'unknown-parameter' } });
  });
});
