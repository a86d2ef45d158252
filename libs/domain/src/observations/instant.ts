// Owns the parsing and plausibility rules for observation timestamps (ISO 8601 instants with a zone).
import { describeType, describeValue, rejection, type Rejection } from './rejection';

/** How far past the receive time a timestamp may lie before it is a clock error, not skew. */
export const DEFAULT_MAX_FUTURE_MS = 10 * 60 * 1000;
/** Nothing Klimavagt ingests predates instrumental records; earlier dates are corrupt or placeholders. */
export const EARLIEST_INSTANT_MS = Date.UTC(1900, 0, 1);

// Date.parse is not used: it accepts zone-less text as local time (machine-dependent) and engine-specific
// shapes. The zone is mandatory because "12:00" at a Danish station is ambiguous by an hour or two.
const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;

export type InstantResult = { ok: true; ms: number; iso: string } | { ok: false; rejection: Rejection };

export interface InstantRules {
  receivedAt: Date;
  maxFutureMs?: number;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Reads `raw` as an ISO 8601 instant with a zone designator and checks it lies between 1900-01-01 and
 * `maxFutureMs` after `receivedAt`. Returns the canonical `toISOString()` form.
 */
export function parseInstant(raw: unknown, field: string, rules: InstantRules): InstantResult {
  const fail = (r: Rejection): InstantResult => ({ ok: false, rejection: r });
  if (raw === undefined || raw === null) {
    return fail(
      rejection('missing-field', `${field} is required (an ISO 8601 instant) but was ${raw}`, field),
    );
  }
  if (typeof raw !== 'string') {
    return fail(
      rejection(
        'wrong-type',
        `${field} must be an ISO 8601 string, got ${describeType(raw)} ${describeValue(raw)}`,
        field,
      ),
    );
  }
  const m = ISO_INSTANT.exec(raw);
  const invalid = (why: string) =>
    fail(rejection('invalid-timestamp', `${field} ${describeValue(raw)} ${why}`, field));
  if (!m) return invalid('is not an ISO 8601 instant with a zone designator (e.g. 2024-01-31T12:00:00Z)');

  const [, y, mo, d, h, mi, s = '0', frac = '', zulu, sign, offH, offM] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  // Leap seconds (:60) are refused: no feed here sends them and JS time cannot represent them.
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return invalid('names a date or time of day that does not exist');
  }
  const offsetHours = zulu ? 0 : Number(offH);
  const offsetMinutes = zulu ? 0 : Number(offM);
  if (offsetHours > 23 || offsetMinutes > 59) return invalid('has an impossible zone offset');
  // Date.UTC maps years 0..99 onto 1900..1999, so such years must be refused before it sees them.
  if (year < 1900) {
    return fail(rejection('timestamp-too-old', `${field} ${describeValue(raw)} is before 1900-01-01`, field));
  }
  // Sub-millisecond digits are dropped (truncated, not rounded, so an instant never moves forward).
  const ms = Number(frac.padEnd(3, '0').slice(0, 3));
  const offsetMs = (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  const epochMs = Date.UTC(year, month - 1, day, hour, minute, second, ms) - (zulu ? 0 : offsetMs);

  if (epochMs < EARLIEST_INSTANT_MS) {
    return fail(rejection('timestamp-too-old', `${field} ${describeValue(raw)} is before 1900-01-01`, field));
  }
  const maxFutureMs = rules.maxFutureMs ?? DEFAULT_MAX_FUTURE_MS;
  const latestMs = rules.receivedAt.getTime() + maxFutureMs;
  if (epochMs > latestMs) {
    return fail(
      rejection(
        'future-timestamp',
        `${field} ${describeValue(raw)} is more than ${Math.round(maxFutureMs / 1000)} s after the receive time ` +
          `${rules.receivedAt.toISOString()}`,
        field,
      ),
    );
  }
  return { ok: true, ms: epochMs, iso: new Date(epochMs).toISOString() };
}
