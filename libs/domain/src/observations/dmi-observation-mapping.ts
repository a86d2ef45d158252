// Owns the translation of one DMI metObs/oceanObs feature's properties into a canonical Observation.
import type { Observation, ParameterId, QualityFlag } from './observation';
import { assertValidReceivedAt, checkNumericValue, checkStationId } from './observation-input';
import { checkRange, toCanonical } from './parameters';
import { parseInstant } from './instant';
import { describeValue, rejection, type Rejection } from './rejection';

/** `properties` of a DMI observation feature, as the API sends it. */
export interface DmiObservationProperties {
  parameterId: string;
  stationId: string;
  observed: string;
  created: string;
  value: number | null;
  /** Present on oceanObs only. */
  qcStatus?: string;
}

export interface DmiMappingContext {
  source: 'dmi-metobs' | 'dmi-oceanobs';
  receivedAt: Date;
  /** Clock skew tolerated on DMI's side; defaults to 10 minutes. */
  maxFutureMs?: number;
}

export type DmiMappingResult =
  | { kind: 'observation'; observation: Observation }
  /** Valid DMI data Klimavagt deliberately does not use; not an error. */
  | { kind: 'ignored'; reason: Rejection }
  | { kind: 'rejected'; rejection: Rejection };

interface DmiParameterMapping {
  parameter: ParameterId;
  /** The unit DMI reports this parameter in. */
  dmiUnit: string;
}

/**
 * DMI parameter → canonical parameter. Both sea-level ids are cm DVR90: `sealev_dvr` from DMI's own
 * gauges, `sea_reg` from Kystdirektoratet's (9020201 Assens Havn I reports only `sea_reg`, so a client
 * that maps only `sealev_dvr` silently loses Assens).
 */
export const DMI_PARAMETER_MAP: Readonly<Record<string, DmiParameterMapping>> = {
  sealev_dvr: { parameter: 'sea_level', dmiUnit: 'cm' },
  sea_reg: { parameter: 'sea_level', dmiUnit: 'cm' },
  precip_past1min: { parameter: 'precip_past1min', dmiUnit: 'mm' },
  precip_past10min: { parameter: 'precip_past10min', dmiUnit: 'mm' },
  precip_past1h: { parameter: 'precip_past1h', dmiUnit: 'mm' },
  precip_past24h: { parameter: 'precip_past24h', dmiUnit: 'mm' },
  wind_speed: { parameter: 'wind_speed', dmiUnit: 'm/s' },
  wind_max: { parameter: 'wind_max', dmiUnit: 'm/s' },
  wind_dir: { parameter: 'wind_dir', dmiUnit: 'deg' },
  temp_dry: { parameter: 'temp_dry', dmiUnit: 'degC' },
  pressure_at_sea: { parameter: 'pressure_at_sea', dmiUnit: 'hPa' },
};

/** Sea level against a local, pre-1997 zero: mixing it with DVR90 values would shift thresholds. */
const LOCAL_DATUM_PARAMETERS: ReadonlySet<string> = new Set(['sealev_ln']);

const PRECIPITATION: ReadonlySet<ParameterId> = new Set([
  'precip_past1min',
  'precip_past10min',
  'precip_past1h',
  'precip_past24h',
]);
// DMI's sentinel for "a trace of precipitation, too little to measure"; compared with a tolerance
// because it may have passed through float arithmetic upstream.
const TRACE_SENTINEL_MM = -0.1;

/**
 * Whether a provider QC status says the value failed. Deliberately narrow: only clear failure words
 * count, so an unknown or neutral status ("none", "unchecked", "passed") never hides a value.
 */
export function isProviderRejectedQcStatus(qcStatus: string | undefined): boolean {
  if (typeof qcStatus !== 'string') return false;
  const words = qcStatus.toLowerCase().split(/[^a-z]+/);
  return words.some((w) => w === 'rejected' || w === 'reject' || w === 'failed' || w === 'fail');
}

/**
 * Maps one DMI observation. Sea levels become metres DVR90; DMI's sentinels (-0.1 mm trace, null
 * precip_past1min when dry, wind_dir 0 when calm) become real values with a quality flag, because
 * downstream rules must see "dry" and "calm" as data, not as gaps.
 */
export function mapDmiObservation(
  properties: DmiObservationProperties,
  ctx: DmiMappingContext,
): DmiMappingResult {
  assertValidReceivedAt(ctx.receivedAt);
  const reject = (r: Rejection): DmiMappingResult => ({ kind: 'rejected', rejection: r });
  const { parameterId, stationId } = properties;

  if (LOCAL_DATUM_PARAMETERS.has(parameterId)) {
    return {
      kind: 'ignored',
      reason: rejection(
        'unsupported-datum',
        `parameterId ${describeValue(parameterId)} at station ${describeValue(stationId)} is sea level against a local zero, not DVR90`,
        'parameterId',
      ),
    };
  }
  const mapping = Object.prototype.hasOwnProperty.call(DMI_PARAMETER_MAP, parameterId)
    ? DMI_PARAMETER_MAP[parameterId]
    : undefined;
  if (!mapping) {
    return {
      kind: 'ignored',
      reason: rejection(
        'unmapped-parameter',
        `parameterId ${describeValue(parameterId)} is not used by Klimavagt`,
        'parameterId',
      ),
    };
  }
  const { parameter } = mapping;

  const stationProblem = checkStationId(stationId, 'stationId');
  if (stationProblem) return reject(stationProblem);

  const rules = { receivedAt: ctx.receivedAt, maxFutureMs: ctx.maxFutureMs };
  const observed = parseInstant(properties.observed, 'observed', rules);
  if (!observed.ok) return reject(observed.rejection);
  const created = parseInstant(properties.created, 'created', rules);
  if (!created.ok) return reject(created.rejection);

  let dmiValue = properties.value;
  let quality: QualityFlag = 'ok';
  if (dmiValue === null && parameter === 'precip_past1min') {
    // DMI leaves the 1-minute sum empty when nothing fell: that is a dry minute, not a missing one.
    dmiValue = 0;
  }
  const valueProblem = checkNumericValue(dmiValue, 'value');
  if (valueProblem) {
    const detail = `${parameterId} at station ${describeValue(stationId)}, observed ${describeValue(properties.observed)}`;
    return reject({ ...valueProblem, message: `${valueProblem.message} (${detail})` });
  }
  let value = dmiValue as number;
  if (PRECIPITATION.has(parameter) && Math.abs(value - TRACE_SENTINEL_MM) < 1e-9) {
    value = 0;
    quality = 'trace';
  }
  if (parameter === 'wind_dir' && value === 0) quality = 'calm';

  const canonical = toCanonical(parameter, value, mapping.dmiUnit);
  if (!canonical.ok) return reject(canonical.rejection);
  const rangeProblem = checkRange(parameter, canonical.value, 'value');
  if (rangeProblem) {
    return reject({
      ...rangeProblem,
      message: `${rangeProblem.message} (${parameterId} ${describeValue(value)} ${mapping.dmiUnit} at station ${describeValue(stationId)})`,
    });
  }

  // The provider's verdict wins over our own sentinel flags but never removes the value: an operator
  // may still want to see what the gauge said during a storm.
  if (isProviderRejectedQcStatus(properties.qcStatus)) quality = 'provider-flagged';

  return {
    kind: 'observation',
    observation: {
      stationId,
      parameter,
      observedAt: observed.iso,
      value: canonical.value,
      unit: canonical.unit,
      source: ctx.source,
      quality,
      createdAt: created.iso,
      receivedAt: ctx.receivedAt.toISOString(),
    },
  };
}
