// OGC SensorThings API Observation JSON → an observation of the credential's station.
// The Datastream is given inline: `Datastream: { "@iot.id": <parameter id>, unitOfMeasurement: { symbol } }`.
import { parseObservationInput, type ObservationParseResult } from '../observations/observation-input';
import { rejection } from '../observations/rejection';
import type { RegisteredSensor } from './registered-sensor';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `phenomenonTime` may be an interval `start/end`; the value describes its end. */
function phenomenonInstant(raw: unknown): unknown {
  return typeof raw === 'string' && raw.includes('/') ? raw.split('/')[1] : raw;
}

export function mapSensorThingsObservation(
  raw: unknown,
  sensor: RegisteredSensor,
  ctx: { receivedAt: Date },
): ObservationParseResult {
  if (!isObject(raw)) return { ok: false, rejection: rejection('malformed', 'an Observation must be a JSON object') };
  const datastream = raw.Datastream;
  if (!isObject(datastream) || typeof datastream['@iot.id'] !== 'string') {
    return {
      ok: false,
      rejection: rejection('missing-field', 'Datastream["@iot.id"] naming the parameter is required', 'Datastream.@iot.id'),
    };
  }
  const unit = isObject(datastream.unitOfMeasurement) ? datastream.unitOfMeasurement.symbol : undefined;
  if (typeof unit !== 'string') {
    return {
      ok: false,
      rejection: rejection('missing-field', 'Datastream.unitOfMeasurement.symbol is required', 'Datastream.unitOfMeasurement.symbol'),
    };
  }
  return parseObservationInput(
    {
      stationId: sensor.stationId,
      parameter: datastream['@iot.id'],
      observedAt: phenomenonInstant(raw.phenomenonTime),
      value: raw.result,
      unit,
      ...(raw.resultTime !== undefined && raw.resultTime !== null ? { createdAt: raw.resultTime } : {}),
    },
    { receivedAt: ctx.receivedAt, source: 'sensor-sensorthings' },
  );
}
