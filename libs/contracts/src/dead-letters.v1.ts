// dead-letters.v1: what could not be processed, with the reason and the raw payload, for an operator to inspect or replay.
import { z } from 'zod';
import type { EventContract } from './event-contract';

export const deadLetterV1Schema = z.object({
  /** Where the payload came from: a topic name or a feed id (`dmi-oceanobs`). */
  origin: z.string(),
  /**
   * The consumer group that refused the record, as Kafka knows it (KAFKA_TOPIC_PREFIX included), e.g.
   * `klimavagt-recorder` or `klimavagt-evaluator-stations`: one record refused by two groups is two letters
   * told apart by this. Always set by consumers; absent on letters from the edge (ingest, where `origin` is
   * the feed id) and on letters written before it existed.
   */
  consumerGroup: z.string().min(1).optional(),
  /** Machine-readable reason code, e.g. `malformed`, `out-of-range`, `poison`. */
  code: z.string(),
  reason: z.string(),
  /** The payload exactly as received, UTF-8 (base64 when `rawEncoding` says so). */
  raw: z.string(),
  rawEncoding: z.enum(['utf8', 'base64']),
  /** Kafka coordinates when the payload came from a topic. */
  partition: z.number().int().optional(),
  offset: z.string().optional(),
  key: z.string().nullable().optional(),
  attempts: z.number().int().min(1),
  failedAt: z.string().datetime({ offset: true }),
});
export type DeadLetterV1 = z.infer<typeof deadLetterV1Schema>;

export const DeadLettersV1: EventContract<DeadLetterV1> = {
  topic: 'dead-letters.v1',
  keyOf: (d) => d.origin,
  schema: deadLetterV1Schema,
};
