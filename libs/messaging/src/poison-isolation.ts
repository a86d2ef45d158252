// Narrows a failed batch down to the records that are themselves wrong (poison), or calls it an outage
// (every record is refused alike): only poison is ever handed back to be dead-lettered.
//
// A record fails on its own for bad data (a constraint only it violates). An outage — a privilege revoked,
// an extension not loaded, a read-only or full disk — fails every record, and dead-lettering would throw
// away acknowledged data. So isolation stops and throws (the consumer stalls and retries the batch) when:
//  - a record fails with an outage error (retriable, or `systemic` from the storage error's SQLSTATE class);
//  - every record so far failed with the same error (code and message, numbers aside), none was accepted, and
//    that is two records plus a few witnesses after them (or the whole batch, if shorter).
// Records are handled strictly in order; the witnesses keep a batch that merely starts with two alike poison
// records from stalling forever.
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

/** Records after two alike failures that must fail alike too before it is called an outage. */
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
  let accepted = false;
  // Strictly in partition order: a later record handled before an earlier one would make the earlier one look
  // old (a signal taken as a duplicate, a value behind its station's progress mark).
  for (const event of events) {
    const failure = await attempt(event, handleOne, options);
    if (!failure) {
      accepted = true;
      continue;
    }
    poison.push(failure);
    if (!accepted && poison.length >= 2 + WITNESS_SAMPLES && allAlike(poison)) throw outage(poison);
  }
  if (!accepted && poison.length >= 2 && allAlike(poison)) throw outage(poison);
  return poison;
}

function allAlike<E>(poison: readonly PoisonRecord<E>[]): boolean {
  return poison.every((p) => sameFailure(p.error, poison[0].error));
}

function outage<E>(poison: readonly PoisonRecord<E>[]): SystemicFailureError {
  const last = poison[poison.length - 1].error;
  return new SystemicFailureError(`${poison.length} records refused alike and none accepted (an outage, not poison): ${messageOf(last)}`, { cause: last });
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
