// The Things Stack v3 uplink webhook → an observation: an ultrasonic distance becomes a water level DVR90.
import { parseObservationInput, type ObservationParseResult } from '../observations/observation-input';
import { describeValue, rejection } from '../observations/rejection';
import type { RegisteredSensor } from './registered-sensor';

/**
 * Distance fields that Danish municipal decoders (OS2iot, Decentlab DL-MBX) put in `decoded_payload`,
 * in millimetres: `distance_mm`, `distance` as a number, or `distance: { value, unit: 'mm' }`.
 */
function distanceMm(decoded: Record<string, unknown>): number | undefined {
  if (typeof decoded.distance_mm === 'number') return decoded.distance_mm;
  if (typeof decoded.distance === 'number') return decoded.distance;
  const nested = decoded.distance as { value?: unknown; unit?: unknown } | undefined;
  if (nested && typeof nested.value === 'number' && (nested.unit === undefined || nested.unit === 'mm')) return nested.value;
  return undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function mapTtnUplink(body: unknown, sensor: RegisteredSensor, ctx: { receivedAt: Date }): ObservationParseResult {
  if (!isObject(body)) return { ok: false, rejection: rejection('malformed', 'the uplink must be a JSON object') };
  const ids = body.end_device_ids;
  const deviceId = isObject(ids) ? ids.device_id : undefined;
  if (typeof deviceId !== 'string') {
    return { ok: false, rejection: rejection('missing-field', 'end_device_ids.device_id is required', 'end_device_ids.device_id') };
  }
  if (deviceId !== sensor.sensorId) {
    return {
      ok: false,
      rejection: rejection(
        'forbidden-station',
        `device ${describeValue(deviceId)} is not the device this credential belongs to`,
        'end_device_ids.device_id',
      ),
    };
  }
  const uplink = body.uplink_message;
  if (!isObject(uplink)) return { ok: false, rejection: rejection('missing-field', 'uplink_message is required', 'uplink_message') };
  const decoded = uplink.decoded_payload;
  if (!isObject(decoded)) {
    return {
      ok: false,
      rejection: rejection('missing-field', 'uplink_message.decoded_payload is required (configure a payload formatter)', 'uplink_message.decoded_payload'),
    };
  }
  const mm = distanceMm(decoded);
  if (mm === undefined) {
    return {
      ok: false,
      rejection: rejection(
        'missing-field',
        'decoded_payload carries no distance in mm (distance_mm, distance, or distance.value with unit mm)',
        'uplink_message.decoded_payload.distance_mm',
      ),
    };
  }
  if (sensor.elevationM === undefined || sensor.levelParameter === undefined) {
    return {
      ok: false,
      rejection: rejection('sensor-not-calibrated', `sensor ${sensor.sensorId} has no registered elevation (DVR90), so a distance cannot become a level`),
    };
  }
  if (!Number.isFinite(mm) || mm < 0) {
    return { ok: false, rejection: rejection('out-of-range', `distance ${describeValue(mm)} mm must be a finite, non-negative number`, 'distance_mm') };
  }
  // The uplink's own received_at is when the network heard the device: the best observation time there is.
  const observedAt = uplink.received_at ?? body.received_at;
  return parseObservationInput(
    {
      stationId: sensor.stationId,
      parameter: sensor.levelParameter,
      observedAt,
      value: sensor.elevationM - mm / 1000,
      unit: 'm',
    },
    { receivedAt: ctx.receivedAt, source: 'sensor-ttn' },
  );
}
