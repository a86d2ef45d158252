// Retry delays: exponential backoff with jitter, and DMI's Retry-After (seconds or HTTP date), both capped.

/**
 * Delay before retry number `retry` (1 = first retry). "Equal jitter": half the exponential step is fixed,
 * half is random, so a fleet of pollers hit by the same 429 burst does not come back in lockstep, yet
 * every poller still waits at least half the step.
 */
export function exponentialBackoffMs(
  retry: number,
  backoffBaseMs: number,
  backoffMaxMs: number,
  random: () => number = Math.random,
): number {
  const step = Math.min(backoffMaxMs, backoffBaseMs * 2 ** Math.max(0, retry - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

/**
 * Parses a Retry-After header (RFC 9110: delay-seconds or an HTTP-date) into milliseconds from `nowMs`.
 * Returns undefined when absent or unparseable, so the caller falls back to exponential backoff.
 */
export function parseRetryAfterMs(header: string | undefined, nowMs: number): number | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (value === '') return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/** The server's wait wins over our own backoff, but never beyond backoffMaxMs. */
export function retryDelayMs(
  retry: number,
  retryAfterMs: number | undefined,
  backoffBaseMs: number,
  backoffMaxMs: number,
  random?: () => number,
): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, backoffMaxMs);
  return exponentialBackoffMs(retry, backoffBaseMs, backoffMaxMs, random);
}
