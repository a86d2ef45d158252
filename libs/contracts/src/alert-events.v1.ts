// alert-events.v1: every change of every alert (opened, raised, acknowledged, escalated, resolved, ...), with the
// initiatives covering it, for consumers beyond the notification channels. Keyed by fingerprint, so one
// fingerprint's events stay in order; `id` is stable, so a re-published event is recognisably the same.
import { z } from 'zod';
import { HAZARDS, SEVERITIES, type AlertEvent } from '@klimavagt/domain';
import type { EventContract } from './event-contract';

const instant = z.string().datetime({ offset: true });
const severity = z.enum(SEVERITIES);
const nullableInstant = instant.nullable();

const change = z
  .object({
    at: instant,
    kind: z.string().min(1),
    by: z.string().min(1),
    reason: z.string().optional(),
    severity: severity.optional(),
    previousSeverity: severity.optional(),
  })
  .strict();

const text = z.object({ title: z.string(), body: z.string() }).strict();

export const alertEventV1Schema = z
  .object({
    id: z.string().min(1).max(400),
    type: z.string().regex(/^alert\.[a-z-]+$/),
    occurredAt: instant,
    alert: z
      .object({
        id: z.string().min(1),
        fingerprint: z.string().min(1),
        zoneId: z.string().min(1),
        hazard: z.enum(HAZARDS),
        ruleId: z.string().min(1),
        episode: z.number().int().min(1),
        state: z.enum(['firing', 'acknowledged', 'resolved']),
        severity,
        peakSeverity: severity,
        openedAt: instant,
        escalationLevel: z.number().int().min(0),
        acknowledgedAt: nullableInstant,
        resolvedAt: nullableInstant,
        silencedBy: z.string().nullable(),
      })
      .strict(),
    change,
    coverage: z
      .object({
        covering: z.array(z.object({ id: z.string(), title: z.string(), overtopped: z.boolean().nullable() }).passthrough()),
        uncovered: z.boolean(),
        overtopped: z.boolean(),
        peak: z
          .object({ parameter: z.string(), value: z.number(), observedAt: instant, forecast: z.boolean() })
          .strict()
          .nullable(),
      })
      .strict(),
    decidedBy: z.object({ stationId: z.string(), parameter: z.string(), observedAt: instant, value: z.number() }).passthrough().nullable(),
    message: z.object({ da: text, en: text }).strict().optional(),
    cap: z.object({ identifier: z.string(), msgType: z.string(), href: z.string() }).strict().optional(),
  })
  .strict();

export const AlertEventsV1: EventContract<AlertEvent> = {
  topic: 'alert-events.v1',
  keyOf: (e) => e.alert.fingerprint,
  schema: alertEventV1Schema as unknown as z.ZodType<AlertEvent, z.ZodTypeDef, unknown>,
};
