import {
  DEFAULT_DELIVERY_POLICY,
  DELIVERY_GIVE_UP_AFTER_MS,
  DeliveryAttemptContext,
  DeliveryScheduleError,
  nextDeliveryAttempt,
  parseRetryAfter,
} from './delivery-schedule';

const CREATED = '2024-10-20T12:00:00.000Z';
const CREATED_MS = Date.parse(CREATED);
const HOUR = 3_600_000;
const HORIZON = new Date(CREATED_MS + DELIVERY_GIVE_UP_AFTER_MS).toISOString();

function at(msAfterCreated: number): string {
  return new Date(CREATED_MS + msAfterCreated).toISOString();
}

/** Delay of the next attempt after a failure `failedAfterMs` after creation, in ms from the failure. */
function delayAfter(ctx: Partial<DeliveryAttemptContext> & { failedAfterMs?: number }): number | null {
  const failedAt = at(ctx.failedAfterMs ?? 0);
  const next = nextDeliveryAttempt({ createdAt: CREATED, attempts: 1, random: () => 0, ...ctx, failedAt });
  return next === null ? null : Date.parse(next) - Date.parse(failedAt);
}

describe('nextDeliveryAttempt', () => {
  it('keeps trying for at least 72 hours by default', () => {
    expect(DELIVERY_GIVE_UP_AFTER_MS).toBe(72 * HOUR);
    expect(DEFAULT_DELIVERY_POLICY).toEqual({
      baseDelayMs: 5_000,
      maxDelayMs: 6 * HOUR,
      giveUpAfterMs: 72 * HOUR,
      maxRetryAfterMs: 6 * HOUR,
    });
  });

  it('doubles the delay with every failed attempt, starting from baseDelayMs', () => {
    const full = (attempts: number) => delayAfter({ attempts, random: () => 0 })! * 2; // random 0 = half the step
    expect([1, 2, 3, 4, 5].map(full)).toEqual([5_000, 10_000, 20_000, 40_000, 80_000]);
    expect(full(13)).toBe(5_000 * 4096);
  });

  it('caps the step at maxDelayMs once doubling would pass it, however many attempts were made', () => {
    expect(delayAfter({ attempts: 14, random: () => 0 })).toBe(3 * HOUR);
    expect(delayAfter({ attempts: 500, random: () => 0 })).toBe(3 * HOUR);
    expect(delayAfter({ attempts: 5000, random: () => 0.5 })).toBe(4.5 * HOUR);
  });

  it('keeps the jitter within [half the step, the step): random 0 gives half, random 0.999 just under all', () => {
    expect(delayAfter({ attempts: 3, random: () => 0 })).toBe(10_000);
    expect(delayAfter({ attempts: 3, random: () => 0.999 })).toBe(19_990);
    expect(delayAfter({ attempts: 3, random: () => 0.999 })).toBeLessThan(20_000);
    expect(delayAfter({ attempts: 1, random: () => 0.5 })).toBe(3_750);
    expect(delayAfter({ attempts: 20, random: () => 0.999 })).toBeLessThan(6 * HOUR);
    expect(delayAfter({ attempts: 20, random: () => 0.999 })).toBeGreaterThan(5.99 * HOUR);
  });

  it('returns an ISO 8601 instant counted from when the attempt failed', () => {
    const next = nextDeliveryAttempt({
      createdAt: CREATED,
      attempts: 2,
      failedAt: at(60_000),
      random: () => 0,
    });
    expect(next).toBe('2024-10-20T12:01:05.000Z');
  });

  it('honours a Retry-After longer than its own backoff', () => {
    expect(delayAfter({ attempts: 1, retryAfterMs: 7_000 })).toBe(7_000);
    expect(delayAfter({ attempts: 1, retryAfterMs: 2 * HOUR })).toBe(2 * HOUR);
  });

  it('keeps its own backoff when a Retry-After asks for less (0 included)', () => {
    expect(delayAfter({ attempts: 5, retryAfterMs: 1_000, random: () => 0 })).toBe(40_000);
    expect(delayAfter({ attempts: 1, retryAfterMs: 0, random: () => 0 })).toBe(2_500);
  });

  it('caps a hostile Retry-After (10 days) at maxRetryAfterMs', () => {
    expect(delayAfter({ attempts: 1, retryAfterMs: 10 * 24 * HOUR })).toBe(6 * HOUR);
    expect(delayAfter({ attempts: 1, retryAfterMs: Number.MAX_SAFE_INTEGER })).toBe(6 * HOUR);
  });

  it('schedules the last attempt exactly at the horizon when the next one would overshoot it', () => {
    const lateFailure = DELIVERY_GIVE_UP_AFTER_MS - HOUR;
    const next = nextDeliveryAttempt({
      createdAt: CREATED,
      attempts: 30,
      failedAt: at(lateFailure),
      random: () => 0.5,
    });
    expect(next).toBe(HORIZON);
    expect(
      nextDeliveryAttempt({
        createdAt: CREATED,
        attempts: 30,
        failedAt: at(lateFailure),
        retryAfterMs: 6 * HOUR,
        random: () => 0,
      }),
    ).toBe(HORIZON);
  });

  it('still schedules an attempt that lands exactly on the horizon without moving it', () => {
    // step capped at 6 h, random 0 → 3 h
    expect(
      nextDeliveryAttempt({ createdAt: CREATED, attempts: 30, failedAt: at(69 * HOUR), random: () => 0 }),
    ).toBe(HORIZON);
  });

  it('gives up (null) once the attempt at or after the horizon has failed', () => {
    const base = { createdAt: CREATED, attempts: 31, random: () => 0 };
    expect(nextDeliveryAttempt({ ...base, failedAt: HORIZON })).toBeNull();
    expect(nextDeliveryAttempt({ ...base, failedAt: at(DELIVERY_GIVE_UP_AFTER_MS + 1_200) })).toBeNull();
    expect(nextDeliveryAttempt({ ...base, failedAt: at(DELIVERY_GIVE_UP_AFTER_MS - 1) })).toBe(HORIZON);
  });

  it('walked from creation to the end, tries for the full 72 hours and ends with an attempt on the horizon', () => {
    let failedAt = CREATED;
    const attemptsAt: string[] = [CREATED];
    for (let attempts = 1; attempts < 1000; attempts++) {
      const next = nextDeliveryAttempt({ createdAt: CREATED, attempts, failedAt, random: () => 0.999 });
      if (next === null) break;
      expect(Date.parse(next)).toBeGreaterThan(Date.parse(failedAt));
      attemptsAt.push(next);
      failedAt = new Date(Date.parse(next) + 250).toISOString(); // each attempt takes 250 ms to fail
    }
    expect(attemptsAt[attemptsAt.length - 1]).toBe(HORIZON);
    expect(attemptsAt.length).toBeGreaterThan(14);
    expect(attemptsAt.length).toBeLessThan(40);
  });

  it('follows a custom policy', () => {
    const policy = { baseDelayMs: 1_000, maxDelayMs: 4_000, giveUpAfterMs: 60_000, maxRetryAfterMs: 10_000 };
    const next = (attempts: number, failedAfterMs: number, retryAfterMs?: number) =>
      nextDeliveryAttempt(
        { createdAt: CREATED, attempts, failedAt: at(failedAfterMs), retryAfterMs, random: () => 0 },
        policy,
      );
    expect(next(1, 0)).toBe(at(500));
    expect(next(9, 0)).toBe(at(2_000));
    expect(next(1, 0, 30_000)).toBe(at(10_000));
    expect(next(9, 59_000)).toBe(at(60_000));
    expect(next(10, 60_000)).toBeNull();
  });

  it('rejects contexts no schedule can be computed from with a DeliveryScheduleError', () => {
    const ok: DeliveryAttemptContext = {
      createdAt: CREATED,
      attempts: 1,
      failedAt: CREATED,
      random: () => 0,
    };
    expect(() => nextDeliveryAttempt({ ...ok, attempts: 0 })).toThrow(DeliveryScheduleError);
    expect(() => nextDeliveryAttempt({ ...ok, attempts: 1.5 })).toThrow(/attempts/);
    expect(() => nextDeliveryAttempt({ ...ok, createdAt: 'yesterday' })).toThrow(/createdAt/);
    expect(() => nextDeliveryAttempt({ ...ok, failedAt: '' })).toThrow(/failedAt/);
    expect(() => nextDeliveryAttempt({ ...ok, random: () => 1 })).toThrow(/random/);
    expect(() => nextDeliveryAttempt({ ...ok, random: () => -0.1 })).toThrow(/random/);
    expect(() => nextDeliveryAttempt({ ...ok, retryAfterMs: -1 })).toThrow(/retryAfterMs/);
    expect(() => nextDeliveryAttempt({ ...ok, retryAfterMs: Number.NaN })).toThrow(/retryAfterMs/);
  });
});

describe('parseRetryAfter', () => {
  const RECEIVED = '1994-11-06T08:49:00.000Z';

  it('reads delay-seconds as milliseconds', () => {
    expect(parseRetryAfter('7', RECEIVED)).toBe(7_000);
    expect(parseRetryAfter('0', RECEIVED)).toBe(0);
    expect(parseRetryAfter(' 120 ', RECEIVED)).toBe(120_000);
  });

  it('keeps an absurdly large delay-seconds finite (the schedule caps it)', () => {
    expect(parseRetryAfter('9'.repeat(400), RECEIVED)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('reads an IMF-fixdate HTTP-date as the time left until it', () => {
    expect(parseRetryAfter('Sun, 06 Nov 1994 08:49:37 GMT', RECEIVED)).toBe(37_000);
    expect(parseRetryAfter('Mon, 07 Nov 1994 08:49:00 GMT', RECEIVED)).toBe(24 * HOUR);
  });

  it('reads the obsolete RFC 850 and asctime forms RFC 9110 obliges recipients to accept', () => {
    expect(parseRetryAfter('Sunday, 06-Nov-94 08:49:37 GMT', RECEIVED)).toBe(37_000);
    expect(parseRetryAfter('Sun Nov  6 08:49:37 1994', RECEIVED)).toBe(37_000);
    expect(parseRetryAfter('Wed Nov 16 08:49:00 1994', RECEIVED)).toBe(240 * HOUR);
  });

  it('puts a two-digit RFC 850 year in the century that keeps it at most 50 years ahead', () => {
    expect(parseRetryAfter('Tuesday, 01-Jan-30 00:00:00 GMT', '2024-01-01T00:00:00Z')).toBe(
      Date.parse('2030-01-01T00:00:00Z') - Date.parse('2024-01-01T00:00:00Z'),
    );
    expect(parseRetryAfter('Sunday, 06-Nov-94 08:49:37 GMT', '2024-01-01T00:00:00Z')).toBe(0);
  });

  it('reads a date already past as "now" (0), never a negative delay', () => {
    expect(parseRetryAfter('Sat, 05 Nov 1994 08:49:37 GMT', RECEIVED)).toBe(0);
  });

  it('returns undefined when the header is absent', () => {
    expect(parseRetryAfter(undefined, RECEIVED)).toBeUndefined();
  });

  it('returns undefined for negative, fractional and garbage values instead of guessing', () => {
    for (const garbage of [
      '',
      '-5',
      '7.5',
      '1e3',
      '0x10',
      'soon',
      '2024-10-20T12:00:00Z',
      'Sun, 06 Nov 1994 08:49:37 UTC',
      'sun, 06 Nov 1994 08:49:37 GMT',
      'Sun, 31 Feb 1994 08:49:37 GMT',
      'Sun, 06 Nov 1994 24:00:00 GMT',
      'Sun, 06 Foo 1994 08:49:37 GMT',
      '7 seconds',
    ]) {
      expect([garbage, parseRetryAfter(garbage, RECEIVED)]).toEqual([garbage, undefined]);
    }
  });

  it('rejects a receivedAt that is not an instant', () => {
    expect(() => parseRetryAfter('7', 'now')).toThrow(DeliveryScheduleError);
  });
});
