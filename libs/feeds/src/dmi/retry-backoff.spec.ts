// Backoff arithmetic: growth, jitter bounds, Retry-After parsing and capping.
import { exponentialBackoffMs, parseRetryAfterMs, retryDelayMs } from './retry-backoff';

describe('retry backoff', () => {
  it('doubles per retry, stays within [step/2, step] and never exceeds the cap', () => {
    expect(exponentialBackoffMs(1, 100, 1000, () => 0)).toBe(50);
    expect(exponentialBackoffMs(1, 100, 1000, () => 1)).toBe(100);
    expect(exponentialBackoffMs(3, 100, 1000, () => 1)).toBe(400);
    expect(exponentialBackoffMs(10, 100, 1000, () => 1)).toBe(1000);
    for (let retry = 1; retry < 12; retry++) {
      const ms = exponentialBackoffMs(retry, 100, 1000);
      expect(ms).toBeGreaterThanOrEqual(Math.min(1000, 100 * 2 ** (retry - 1)) / 2);
      expect(ms).toBeLessThanOrEqual(1000);
    }
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2023-10-20T21:00:00Z');
    expect(parseRetryAfterMs('7', now)).toBe(7000);
    expect(parseRetryAfterMs('Fri, 20 Oct 2023 21:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfterMs('Fri, 20 Oct 2023 20:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfterMs('soon', now)).toBeUndefined();
    expect(parseRetryAfterMs(undefined, now)).toBeUndefined();
  });

  it('prefers the server wait over backoff, capped by backoffMaxMs', () => {
    expect(retryDelayMs(1, 2000, 100, 5000)).toBe(2000);
    expect(retryDelayMs(1, 60_000, 100, 5000)).toBe(5000);
    expect(retryDelayMs(2, undefined, 100, 5000, () => 0)).toBe(100);
  });
});
