// One contract per Kafka event: topic (versioned), the key of each event, and the schema of its value.
import { z } from 'zod';

export interface EventContract<T> {
  /** Versioned topic name, e.g. `observations.v1`; a breaking change gets a new topic. */
  topic: string;
  /** The partition key: events with the same key stay in order. */
  keyOf(event: T): string;
  schema: z.ZodType<T, z.ZodTypeDef, unknown>;
}

export type DecodeResult<T> = { ok: true; event: T } | { ok: false; reason: string };

export function encodeEvent<T>(contract: EventContract<T>, event: T): { key: string; value: string } {
  return { key: contract.keyOf(event), value: JSON.stringify(event) };
}

/** Decodes a raw Kafka value against the contract; a failure says precisely what was wrong. */
export function decodeEvent<T>(contract: EventContract<T>, raw: Buffer | string | null): DecodeResult<T> {
  if (raw === null) return { ok: false, reason: 'empty message value (tombstone)' };
  let json: unknown;
  try {
    json = JSON.parse(raw.toString());
  } catch (error) {
    return { ok: false, reason: `not JSON: ${(error as Error).message}` };
  }
  const parsed = contract.schema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      reason: parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '),
    };
  }
  return { ok: true, event: parsed.data };
}
