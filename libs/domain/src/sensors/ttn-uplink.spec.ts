import { mapTtnUplink } from './ttn-uplink';
import type { RegisteredSensor } from './registered-sensor';

const sensor: RegisteredSensor = { sensorId: 'assens-havn-01', stationId: 'assens-havn-01', levelParameter: 'sea_level', elevationM: 3.2 };
const receivedAt = new Date('2023-10-20T22:00:30Z');

function uplink(decoded: unknown, deviceId = 'assens-havn-01') {
  // Shaped like a TTS v3 uplink webhook; empty fields are omitted, as TTS does.
  return {
    end_device_ids: { device_id: deviceId, application_ids: { application_id: 'assens-vand' }, dev_eui: '70B3D57ED0000001' },
    received_at: '2023-10-20T22:00:01.123456789Z',
    uplink_message: {
      f_port: 1,
      frm_payload: 'BLA=',
      decoded_payload: decoded,
      rx_metadata: [{ gateway_ids: { gateway_id: 'assens-gw' }, rssi: -97 }],
      received_at: '2023-10-20T22:00:00.987654321Z',
    },
  };
}

describe('mapTtnUplink', () => {
  it('turns a distance in mm into a level DVR90 from the registered elevation', () => {
    const result = mapTtnUplink(uplink({ distance_mm: 1180 }), sensor, { receivedAt });
    expect(result).toMatchObject({ ok: true, observation: { stationId: 'assens-havn-01', parameter: 'sea_level', unit: 'm', source: 'sensor-ttn' } });
    if (result.ok) {
      expect(result.observation.value).toBeCloseTo(2.02, 9);
      expect(result.observation.observedAt).toBe('2023-10-20T22:00:00.987Z');
    }
  });

  it('reads Decentlab-style nested distance objects', () => {
    const result = mapTtnUplink(uplink({ distance: { value: 2200, unit: 'mm' } }), sensor, { receivedAt });
    expect(result.ok && result.observation.value).toBeCloseTo(1.0, 9);
  });

  it("refuses another device's uplink under this credential", () => {
    const result = mapTtnUplink(uplink({ distance_mm: 1000 }, 'someone-else'), sensor, { receivedAt });
    expect(result).toMatchObject({ ok: false, rejection: { code: 'forbidden-station' } });
  });

  it('refuses an uplink without a decoded distance', () => {
    expect(mapTtnUplink(uplink({ battery: 3.6 }), sensor, { receivedAt })).toMatchObject({ ok: false, rejection: { code: 'missing-field' } });
  });

  it('refuses a sensor without a registered elevation', () => {
    const uncalibrated = { sensorId: 'assens-havn-01', stationId: 'assens-havn-01' };
    expect(mapTtnUplink(uplink({ distance_mm: 1000 }), uncalibrated, { receivedAt })).toMatchObject({
      ok: false,
      rejection: { code: 'sensor-not-calibrated' },
    });
  });

  it('refuses a negative distance', () => {
    expect(mapTtnUplink(uplink({ distance_mm: -5 }), sensor, { receivedAt })).toMatchObject({ ok: false, rejection: { code: 'out-of-range' } });
  });
});
