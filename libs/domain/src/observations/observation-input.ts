// Owns validation of Klimavagt's own JSON observation format into a canonical Observation.
import { PARAMETER_IDS, type Observation, type ObservationSource, type ParameterId } from './observation';
import { checkRange, toCanonical } from './parameters';
import { parseInstant, type InstantRules } from './instant';
import { describeType, describeValue, rejection, type Rejection } from './rejection';

/**
 * Station ids end up in topic keys, SQL parameters, URLs and log lines; a strict alphabet keeps all of
 * them boring. Covers DMI ("06123"), Kystdirektoratet ("9020201") and TTN device ids ("assens-havn-01").
 */
export const STATION_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

export interface ObservationInputContext {
  /** When Klimavagt received the input; the reference for "future" and the default createdAt. */
  receivedAt: Date;
  source: ObservationSource;
  /** Clock skew tolerated on the producer's side; defaults to 10 minutes. */
  maxFutureMs?: number;
}

export type ObservationParseResult =
  { ok: true; observation: Observation } | { ok: false; rejection: Rejection };

const PARAMETER_ID_SET: ReadonlySet<string> = new Set(PARAMETER_IDS);

export function isParameterId(value: string): value is ParameterId {
  return PARAMETER_ID_SET.has(value);
}

/** Refuses a station id that is absent, not a string, or outside STATION_ID_PATTERN. */
export function checkStationId(raw: unknown, field = 'stationId'): Rejection | undefined {
  if (raw === undefined || raw === null)
    return rejection('missing-field', `${field} is required but was ${raw}`, field);
  if (typeof raw !== 'string') {
    // A number here has already lost any leading zero ("06123" → 6123), so it cannot be repaired.
    return rejection(
      'wrong-type',
      `${field} must be a string, got ${describeType(raw)} ${describeValue(raw)}`,
      field,
    );
  }
  if (!STATION_ID_PATTERN.test(raw)) {
    return rejection(
      'invalid-station-id',
      `${field} ${describeValue(raw)} must be 1-64 characters of letters, digits and . _ : - (starting with a letter or digit)`,
      field,
    );
  }
  return undefined;
}

/** Refuses a value that is not a finite JavaScript number; numeric strings are refused too. */
export function checkNumericValue(raw: unknown, field = 'value'): Rejection | undefined {
  if (raw === undefined) return rejection('missing-field', `${field} is required but was undefined`, field);
  if (raw === null) return rejection('null-value', `${field} is null; a measured number is required`, field);
  // "1.2" is refused rather than coerced: a producer sending strings has a bug worth seeing, and
  // coercion would also accept "", " ", "0x10" and "1e3".
  if (typeof raw !== 'number') {
    return rejection(
      'wrong-type',
      `${field} must be a number, got ${describeType(raw)} ${describeValue(raw)}`,
      field,
    );
  }
  if (!Number.isFinite(raw))
    return rejection('not-finite', `${field} must be a finite number, got ${describeValue(raw)}`, field);
  return undefined;
}

/** Throws on a context that is a caller bug, so it cannot silently disable the future-timestamp check. */
export function assertValidReceivedAt(receivedAt: Date): void {
  if (!(receivedAt instanceof Date) || Number.isNaN(receivedAt.getTime())) {
    throw new TypeError('receivedAt must be a valid Date');
  }
}

function isPlainRecord(raw: unknown): raw is Record<string, unknown> {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw);
}

/**
 * Validates `{ stationId, parameter, observedAt, value, unit, createdAt? }` and converts it to canonical
 * units. The first broken rule is reported; fields are checked in a fixed order so the same input always
 * yields the same rejection. Unknown extra fields are ignored so producers can add fields first.
 */
export function parseObservationInput(raw: unknown, ctx: ObservationInputContext): ObservationParseResult {
  assertValidReceivedAt(ctx.receivedAt);
  const fail = (r: Rejection): ObservationParseResult => ({ ok: false, rejection: r });
  if (!isPlainRecord(raw)) {
    return fail(
      rejection(
        'malformed',
        `an observation must be a JSON object, got ${describeType(raw)} ${describeValue(raw)}`,
      ),
    );
  }

  const stationProblem = checkStationId(raw.stationId);
  if (stationProblem) return fail(stationProblem);
  const stationId = raw.stationId as string;

  const parameter = raw.parameter;
  if (parameter === undefined || parameter === null) {
    return fail(rejection('missing-field', `parameter is required but was ${parameter}`, 'parameter'));
  }
  if (typeof parameter !== 'string') {
    return fail(
      rejection(
        'wrong-type',
        `parameter must be a string, got ${describeType(parameter)} ${describeValue(parameter)}`,
        'parameter',
      ),
    );
  }
  if (!isParameterId(parameter)) {
    return fail(
      rejection(
        'unknown-parameter',
        `parameter ${describeValue(parameter)} is not one of: ${PARAMETER_IDS.join(', ')}`,
        'parameter',
      ),
    );
  }

  const rules: InstantRules = { receivedAt: ctx.receivedAt, maxFutureMs: ctx.maxFutureMs };
  const observedAt = parseInstant(raw.observedAt, 'observedAt', rules);
  if (!observedAt.ok) return fail(observedAt.rejection);

  const valueProblem = checkNumericValue(raw.value);
  if (valueProblem) return fail(valueProblem);
  const value = raw.value as number;

  const unit = raw.unit;
  if (unit === undefined || unit === null) {
    return fail(rejection('missing-field', `unit is required for ${parameter} but was ${unit}`, 'unit'));
  }
  if (typeof unit !== 'string') {
    return fail(
      rejection(
        'wrong-type',
        `unit must be a string, got ${describeType(unit)} ${describeValue(unit)}`,
        'unit',
      ),
    );
  }
  const canonical = toCanonical(parameter, value, unit);
  if (!canonical.ok) return fail(canonical.rejection);
  const rangeProblem = checkRange(parameter, canonical.value);
  if (rangeProblem) return fail(rangeProblem);

  const receivedAtIso = ctx.receivedAt.toISOString();
  let createdAtIso = receivedAtIso;
  // Only an absent createdAt defaults; an explicit null is a producer bug and gets the usual rejection.
  if (raw.createdAt !== undefined) {
    const createdAt = parseInstant(raw.createdAt, 'createdAt', rules);
    if (!createdAt.ok) return fail(createdAt.rejection);
    createdAtIso = createdAt.iso;
  }

  return {
    ok: true,
    observation: {
      stationId,
      parameter,
      observedAt: observedAt.iso,
      value: canonical.value,
      unit: canonical.unit,
      source: ctx.source,
      quality: 'ok',
      createdAt: createdAtIso,
      receivedAt: receivedAtIso,
    },
  };
}
