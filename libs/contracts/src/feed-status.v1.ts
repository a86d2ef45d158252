// feed-status.v1: the outcome of every poll cycle of each DMI feed, keyed by feed id, so the alerting app can
// tell a feed that delivers from one that fails — and, by the silence, one whose statuses stopped arriving.
import { z } from 'zod';
import type { EventContract } from './event-contract';

const instant = z.string().datetime({ offset: true });

export const feedStatusV1Schema = z
  .object({
    /** The feed id: `dmi-metobs`, `dmi-oceanobs`, `dmi-dkss`. */
    feed: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
    /** `ok`: the cycle finished and everything it read was acknowledged by Kafka (possibly nothing new). */
    outcome: z.enum(['ok', 'failed']),
    /** Why the cycle failed (the error's message), when it did. */
    reason: z.string().max(2_000).optional(),
    /** The observation window the cycle covered, when it had one. */
    windowFrom: instant.optional(),
    windowTo: instant.optional(),
    /** Records published by the cycle (observations, forecast series). */
    records: z.number().int().min(0),
    /** How often the feed is polled: a feed polled hourly is not late after half an hour. */
    intervalMs: z.number().int().positive(),
    /** When the cycle ended (ingest's clock). */
    reportedAt: instant,
  })
  .strict();
export type FeedStatusV1 = z.infer<typeof feedStatusV1Schema>;

export const FeedStatusesV1: EventContract<FeedStatusV1> = {
  topic: 'feed-status.v1',
  keyOf: (s) => s.feed,
  schema: feedStatusV1Schema,
};
