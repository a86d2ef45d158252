// Narrows a failed batch down to the records that are themselves wrong (poison), or calls it an outage
// (every record is refused alike): only poison is ever handed back to be dead-lettered.
//
// A record fails on its own for bad data (a constraint only it violates). An outage — a privilege revoked,
// an extension not loaded, a read-only or full disk — fails every record, and dead-lettering would throw
// away acknowledged data. So isolation stops and throws (the consumer stalls and retries the batch) when:
//  - a record fails with an outage error (retriable, or `systemic` from the storage error's SQLSTATE class);
//  - two records fail with the same error (code and message, numbers aside) before any record was accepted,
//    and none of a few records sampled from the rest of the batch is accepted either.
// The samples keep a batch that merely starts with two alike poison records from stalling forever.
import { isOutage, SystemicFailureError } from './messaging-error';

export interface PoisonRecord<E> {
  event: E;
  error: unknown;
  attempts: number;
}

export interface IsolationOptions {
  /** Attempts of one record before it counts as failed. */
  maxAttempts: number;
  /** Between attempts of a record (heartbeats: isolation can take a while). */
  between: () => Promise<void>;
}

/** Records sampled from the rest of the batch before two alike failures are called an outage. */
const WITNESS_SAMPLES = 3;

/**
 * Handles `events` one by one with `handleOne`; returns the poison records (each failed `maxAttempts` times
 * with a record-level error). Throws the outage error, or a SystemicFailureError, instead of returning poison
 * that is really an outage. Records handled before a throw stay handled: the handler must be idempotent,
 * as at-least-once delivery requires anyway.
 */
export async function isolatePoison<E>(
  events: readonly E[],
  handleOne: (event: E) => Promise<void>,
  options: IsolationOptions,
): Promise<PoisonRecord<E>[]> {
  const poison: PoisonRecord<E>[] = [];
  const handled = new Set<number>();
  let accepted = false;
  for (let index = 0; index < events.length; index++) {
    if (handled.has(index)) continue;
    const failure = await attempt(events[index], handleOne, options);
    if (!failure) {
      accepted = true;
      continue;
    }
    if (!accepted && poison.some((p) => sameFailure(p.error, failure.error))) {
      const witness = await acceptedSample(events, index + 1, handleOne);
      if (witness === undefined) {
        throw new SystemicFailureError(
          `${poison.length + 1} records refused alike and none accepted (an outage, not poison): ${messageOf(failure.error)}`,
          { cause: failure.error },
        );
      }
      handled.add(witness);
      accepted = true;
    }
    poison.push(failure);
  }
  return poison;
}

/** Up to `maxAttempts` tries; undefined when handled. Outage errors end isolation at once. */
async function attempt<E>(event: E, handleOne: (event: E) => Promise<void>, options: IsolationOptions): Promise<PoisonRecord<E> | undefined> {
  for (let attempts = 1; ; attempts++) {
    try {
      await handleOne(event);
      return undefined;
    } catch (error) {
      if (isOutage(error)) throw error;
      if (attempts >= options.maxAttempts) return { event, error, attempts };
      await options.between();
    }
  }
}

/** Tries a few records spread over `events[from..]` once each; the index of the first accepted, if any. */
async function acceptedSample<E>(events: readonly E[], from: number, handleOne: (event: E) => Promise<void>): Promise<number | undefined> {
  const remaining = events.length - from;
  if (remaining <= 0) return undefined;
  // The last record first, then evenly back towards `from`: poison tends to come in runs.
  const picks = new Set<number>();
  for (let k = 0; k < Math.min(WITNESS_SAMPLES, remaining); k++) {
    picks.add(remaining <= WITNESS_SAMPLES ? events.length - 1 - k : events.length - 1 - Math.floor((k * remaining) / WITNESS_SAMPLES));
  }
  for (const index of picks) {
    try {
      await handleOne(events[index]);
      return index;
    } catch (error) {
      if (isOutage(error)) throw error;
    }
  }
  return undefined;
}

/** Same code (SQLSTATE or typed) and same message once numbers (ids, offsets, values) are set aside. */
export function sameFailure(a: unknown, b: unknown): boolean {
  return signature(a) === signature(b);
}

function signature(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  return `${typeof code === 'string' ? code : ''}|${messageOf(error).replace(/\d+(\.\d+)?/g, '#')}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
