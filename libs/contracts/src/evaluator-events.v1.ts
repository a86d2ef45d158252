// The evaluator's events: stage one → stage two inputs (keyed by zone), zone risk assessments, alert signals.
import { z } from 'zod';
import { HAZARDS, SEVERITIES, type IdentifiedAlertSignal, type ZoneInput, type ZoneRuleOutcome } from '@klimavagt/domain';
import type { EventContract } from './event-contract';
import { observationV1Schema } from './observations.v1';

const instant = z.string().datetime({ offset: true });
const id = z.string().min(1).max(128);
const severity = z.enum(SEVERITIES).nullable();
const decidedBy = z
  .object({
    stationId: id,
    parameter: z.string(),
    observedAt: instant,
    value: z.number(),
    measure: z.enum(['value', 'window-sum', 'rise-per-hour', 'forecast-peak']),
    forecastRunTime: instant.nullable().optional(),
  })
  .strict();
const vote = z.object({ stationId: id, severity, status: z.enum(['ok', 'suspect', 'silent']) }).strict();

const stationVerdict = z
  .object({
    zoneId: id,
    ruleId: id,
    hazard: z.enum(HAZARDS),
    stationId: id,
    severity,
    status: z.enum(['ok', 'suspect']),
    measured: z.number().nullable(),
    decidedBy: decidedBy.optional(),
    at: instant,
    runTime: instant.nullable().optional(),
    revised: z.boolean().optional(),
  })
  .strict();

export const zoneInputV1Schema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('verdict'), zoneId: id, verdict: stationVerdict, effectiveAt: instant.optional() }).strict(),
  z.object({ kind: z.literal('observation'), zoneId: id, observation: observationV1Schema }).strict(),
  z.object({ kind: z.literal('progress'), zoneId: id, source: id, at: instant.nullable(), idle: z.boolean() }).strict(),
]);

export const ZoneInputsV1: EventContract<ZoneInput> = {
  topic: 'zone-inputs.v1',
  keyOf: (i) => i.zoneId,
  schema: zoneInputV1Schema as unknown as z.ZodType<ZoneInput, z.ZodTypeDef, unknown>,
};

export const zoneRiskV1Schema = z
  .object({
    zoneId: id,
    ruleId: id,
    hazard: z.enum(HAZARDS),
    state: z.union([z.enum(SEVERITIES), z.literal('unknown'), z.null()]),
    votes: z.array(vote),
    decidedBy: decidedBy.optional(),
    peak: decidedBy.optional(),
    at: instant,
  })
  .strict();

/** zone-risk.v1: a zone's assessment for one rule and hazard whenever it changes, with what decided it. */
export const ZoneRiskV1: EventContract<ZoneRuleOutcome> = {
  topic: 'zone-risk.v1',
  keyOf: (o) => o.zoneId,
  schema: zoneRiskV1Schema as unknown as z.ZodType<ZoneRuleOutcome, z.ZodTypeDef, unknown>,
};

export const alertSignalV1Schema = z
  .object({
    signalId: z.string().min(1).max(400),
    kind: z.enum(['firing', 'resolved', 'degraded']),
    fingerprint: z.string().min(1).max(300),
    zoneId: id,
    hazard: z.enum(HAZARDS),
    ruleId: id,
    severity,
    previousSeverity: severity,
    capSeverity: z.enum(['Moderate', 'Severe', 'Extreme']).nullable(),
    decidedBy: decidedBy.optional(),
    peak: decidedBy.optional(),
    votes: z.array(vote),
    at: instant,
    ruleKind: z.enum(['threshold', 'rate-of-rise', 'accumulation', 'compound', 'forecast', 'stale']).optional(),
  })
  .strict();

/**
 * alert-signals.v1: firing / resolved / degraded with the stable fingerprint (zone:hazard:rule), keyed by zone:
 * a zone's rules' signals stay in the order stage two judged them (event time), which a threat incident,
 * combining several rules of the zone, needs. Keyed by fingerprint, each rule took its own partition and the
 * alerting app could take one rule's whole backlog before another's earlier signals.
 */
export const AlertSignalsV1: EventContract<IdentifiedAlertSignal> = {
  topic: 'alert-signals.v1',
  keyOf: (s) => s.zoneId,
  schema: alertSignalV1Schema as unknown as z.ZodType<IdentifiedAlertSignal, z.ZodTypeDef, unknown>,
};
