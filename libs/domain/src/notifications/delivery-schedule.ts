// Owns when a failed notification delivery is tried again, and when Klimavagt stops trying.

/** A flood warning is worth delivering late, so attempts continue for at least three days. */
export const DELIVERY_GIVE_UP_AFTER_MS = 72 * 3_600_000;

export interface DeliveryPolicy {
  /** Delay after the first failure, before jitter; doubles with every further failure. */
  baseDelayMs: number;
  /** Ceiling of the doubled delay, so a long outage is still probed a few times a day. */
  maxDelayMs: number;
  /** No attempt is scheduled later than createdAt + giveUpAfterMs. */
  giveUpAfterMs: number;
  /** A receiver's Retry-After is honoured up to this long and no longer. */
  maxRetryAfterMs: number;
}

export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = {
  baseDelayMs: 5_000,
  maxDelayMs: 6 * 3_600_000,
  giveUpAfterMs: DELIVERY_GIVE_UP_AFTER_MS,
  maxRetryAfterMs: 6 * 3_600_000,
};

export interface DeliveryAttemptContext {
  /** When the notification was created: the give-up horizon counts from here, not from the first attempt. */
  createdAt: string;
  /** Attempts made so far, including the one that just failed (so at least 1). */
  attempts: number;
  /** When the attempt that just failed ended. */
  failedAt: string;
  /** The receiver's wish from a 429/503 Retry-After, as parseRetryAfter returns it. */
  retryAfterMs?: number;
  /** Uniform in [0, 1); passed in so the schedule is reproducible in tests. */
  random: () => number;
}

/** Thrown for a context no schedule can be computed from; these are caller bugs, not delivery failures. */
export class DeliveryScheduleError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'DeliveryScheduleError';
  }
}

/**
 * The instant (ISO 8601) of the next delivery attempt, or null to give up.
 *
 * The delay doubles per failure up to maxDelayMs and is then scaled by a random factor in [0.5, 1):
 * enough spread that every subscriber of one endpoint does not come back in the same second after an
 * outage, while each still waits at least half the step. A Retry-After can only lengthen the wait
 * (the receiver knows its own load), and is clipped to maxRetryAfterMs so a hostile value cannot park a
 * warning for days. An attempt that would land past the horizon is moved onto it, so delivery really is
 * tried for the whole giveUpAfterMs; once an attempt at or after the horizon has failed, the answer is null.
 */
export function nextDeliveryAttempt(
  ctx: DeliveryAttemptContext,
  policy: DeliveryPolicy = DEFAULT_DELIVERY_POLICY,
): string | null {
  const createdMs = instantMs(ctx.createdAt, 'createdAt');
  const failedMs = instantMs(ctx.failedAt, 'failedAt');
  if (!Number.isInteger(ctx.attempts) || ctx.attempts < 1) {
    throw new DeliveryScheduleError('attempts', `${ctx.attempts} is not a whole number of at least 1`);
  }
  const horizonMs = createdMs + policy.giveUpAfterMs;
  if (failedMs >= horizonMs) return null;

  const jitter = ctx.random();
  if (!(jitter >= 0 && jitter < 1)) {
    throw new DeliveryScheduleError('random', `returned ${jitter}, outside [0, 1)`);
  }
  // 2 ** large is Infinity, which min() folds into the cap.
  const stepMs = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (ctx.attempts - 1));
  let delayMs = Math.floor(stepMs * (0.5 + jitter / 2));
  if (ctx.retryAfterMs !== undefined) {
    if (!(ctx.retryAfterMs >= 0)) {
      throw new DeliveryScheduleError('retryAfterMs', `${ctx.retryAfterMs} is not a delay`);
    }
    delayMs = Math.max(Math.min(ctx.retryAfterMs, policy.maxRetryAfterMs), delayMs);
  }
  return new Date(Math.min(failedMs + delayMs, horizonMs)).toISOString();
}

const SECONDS_ONLY = /^\d+$/;
const DAY_NAMES = 'Mon|Tue|Wed|Thu|Fri|Sat|Sun';
const LONG_DAY_NAMES = 'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH = MONTHS.join('|');
// RFC 9110 §5.6.7: senders use IMF-fixdate; recipients must also accept the two obsolete forms.
const IMF_FIXDATE = new RegExp(
  `^(?:${DAY_NAMES}), (\\d{2}) (${MONTH}) (\\d{4}) (\\d{2}):(\\d{2}):(\\d{2}) GMT$`,
);
const RFC850_DATE = new RegExp(
  `^(?:${LONG_DAY_NAMES}), (\\d{2})-(${MONTH})-(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2}) GMT$`,
);
const ASCTIME_DATE = new RegExp(
  `^(?:${DAY_NAMES}) (${MONTH}) ([ \\d]\\d) (\\d{2}):(\\d{2}):(\\d{2}) (\\d{4})$`,
);

/**
 * A Retry-After header (RFC 9110 §10.2.3) as milliseconds from receivedAt: delay-seconds or an HTTP-date.
 * Undefined when absent or not in either form (a negative number, fractions, a date Date.parse would
 * guess at), so the caller falls back to its own backoff. A date already past means "now", i.e. 0.
 */
export function parseRetryAfter(value: string | undefined, receivedAt: string): number | undefined {
  if (value === undefined) return undefined;
  const receivedMs = instantMs(receivedAt, 'receivedAt');
  const text = value.trim();
  if (SECONDS_ONLY.test(text)) return Math.min(Number(text) * 1000, Number.MAX_SAFE_INTEGER);
  const at = httpDateMs(text, receivedMs);
  return at === undefined ? undefined : Math.max(0, at - receivedMs);
}

function httpDateMs(text: string, receivedMs: number): number | undefined {
  let m = IMF_FIXDATE.exec(text);
  if (m) return utcMs(Number(m[3]), m[2], Number(m[1]), m[4], m[5], m[6]);
  m = RFC850_DATE.exec(text);
  if (m) return utcMs(fullYear(Number(m[3]), receivedMs), m[2], Number(m[1]), m[4], m[5], m[6]);
  m = ASCTIME_DATE.exec(text);
  if (m) return utcMs(Number(m[6]), m[1], Number(m[2].trim()), m[3], m[4], m[5]);
  return undefined;
}

/** RFC 9110: a two-digit year more than 50 years in the future is the most recent past year ending so. */
function fullYear(twoDigits: number, receivedMs: number): number {
  const thisYear = new Date(receivedMs).getUTCFullYear();
  let year = thisYear - (thisYear % 100) + twoDigits;
  if (year > thisYear + 50) year -= 100;
  return year;
}

function utcMs(
  year: number,
  month: string,
  day: number,
  h: string,
  mi: string,
  s: string,
): number | undefined {
  const monthIndex = MONTHS.indexOf(month);
  const [hour, minute, second] = [Number(h), Number(mi), Number(s)];
  // 60 is allowed for a leap second; Date cannot hold one, so it reads as the next second.
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  const ms = Date.UTC(year, monthIndex, day, hour, minute, second);
  // Date.UTC rolls 31 Feb into March; a round trip rejects days that do not exist.
  return new Date(Date.UTC(year, monthIndex, day)).getUTCDate() === day ? ms : undefined;
}

function instantMs(iso: string, field: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new DeliveryScheduleError(field, `${JSON.stringify(iso)} is not an instant`);
  return ms;
}
