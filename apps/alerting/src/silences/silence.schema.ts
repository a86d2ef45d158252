// A silence or maintenance window as operators write it.
import { z } from 'zod';
import { instantSchema } from '@klimavagt/platform';
import { HAZARDS, SEVERITIES } from '@klimavagt/domain';

const instant = instantSchema;
/** A silence is a pause, not a switch-off: longer than this needs a change of the rule or route instead. */
export const MAX_SILENCE_MS = 31 * 24 * 3_600_000;

export const silenceBody = z
  .object({
    kind: z.enum(['silence', 'maintenance']).default('silence'),
    matchers: z
      .object({
        zoneId: z.string().min(1).max(64).optional(),
        hazard: z.enum(HAZARDS).optional(),
        severityAtMost: z.enum(SEVERITIES).optional().describe('covers this severity and below'),
      })
      .strict(),
    startsAt: instant.optional().describe('default: now'),
    endsAt: instant,
    author: z.string().trim().min(1).max(80).optional().describe('taken from the API key when keys are in use'),
    reason: z.string().trim().min(1).max(500),
  })
  .strict();

export const expireBody = z.object({ by: z.string().trim().min(1).max(80).optional() }).strict();
