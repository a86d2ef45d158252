// Owns the alert record the lifecycle works on: its states, its audit trail and the policy that drives it.
import type { DecidingValue } from '../rules/verdict';
import type { Hazard, Severity } from '../zones/hazard';
import { severityRank } from '../zones/hazard';

export type AlertState = 'firing' | 'acknowledged' | 'resolved';

export type AlertChangeKind =
  | 'opened'
  | 'severity-raised'
  | 'severity-lowered'
  | 'acknowledged'
  | 'resolved'
  | 'reopened'
  | 'escalated'
  | 'silenced'
  | 'unsilenced'
  | 'commented'
  | 'degraded'
  /** A threat incident the forecast opened is now seen in the observations (CAP urgency Immediate). */
  | 'confirmed'
  /** The observations no longer show it, the forecast still warns (CAP urgency Expected again). */
  | 'forecast-only';

/** Who acts when no operator does: the evaluator's signals, escalation and silences. */
export const SYSTEM_ACTOR = 'evaluator';
/** `resolvedBy` of an alert the evaluator's `resolved` signal closed. */
export const SIGNAL_ACTOR = 'signal';

/** One entry of the audit trail: what happened, when, who did it and why. */
export interface AlertChange {
  at: string;
  kind: AlertChangeKind;
  /** 'evaluator' for signals, escalation and silences (a silence's author when it starts); else the operator. */
  by: string;
  reason?: string;
  severity?: Severity;
  previousSeverity?: Severity;
}

export interface Alert {
  /** `${fingerprint}#${episode}`. */
  id: string;
  /** The signal's fingerprint `${zoneId}:${hazard}:${ruleId}` (operational: `feed:${feed}:outage`): one open alert per fingerprint. */
  fingerprint: string;
  /** Null exactly when the alert is operational (about Klimavagt's own inputs, not a zone). */
  zoneId: string | null;
  hazard: Hazard | null;
  ruleId: string;
  /** Set on operational alerts only: what part of the service is wrong (see operational-alert.ts). */
  operational?: OperationalSubject;
  /** 1 for the first alert of a fingerprint; +1 whenever a firing comes after the reopen window. */
  episode: number;
  state: AlertState;
  /** Current severity (the last one held when resolved). */
  severity: Severity;
  /** Highest severity of the episode. */
  peakSeverity: Severity;
  openedAt: string;
  /** Time of the newest change of any kind (signal event time or operator time). */
  updatedAt: string;
  acknowledgedAt?: string;
  acknowledgedBy?: string;
  resolvedAt?: string;
  /** 'signal' when the evaluator resolved it, else the operator. */
  resolvedBy?: string;
  /** How many times escalation has fired since the alert (re)opened. */
  escalationLevel: number;
  /** The newest signal taken: the same id again is a duplicate. */
  lastSignalId: string;
  /**
   * Event time of the newest signal taken. Older signals are duplicates. Kept apart from `updatedAt`
   * because operator actions carry wall-clock time, which must never make a late signal look old.
   */
  lastSignalAt: string;
  /** Reopenings within the reopen window since the episode began. */
  flapCount: number;
  /** Id of the silence (or maintenance window) suppressing notifications, while one matches. */
  silencedBy?: string;
  history: AlertChange[];
  /**
   * Threat incidents only (see threat-incident.ts): every rule feeding the zone's incident for this hazard, by
   * signal fingerprint. Absent on alerts stored before incidents existed and on operational alerts (stale gauges).
   */
  sources?: Record<string, IncidentSource>;
  /** Threat incidents only: what stands behind the incident now — an observation, or only a forecast. */
  evidence?: ThreatEvidence;
}

export type ThreatEvidence = 'forecast' | 'observed';

/** One rule's part in a threat incident: its own current severity and the newest of its signals taken. */
export interface IncidentSource {
  ruleId: string;
  evidence: ThreatEvidence;
  /** null: the rule is clear. */
  severity: Severity | null;
  /** Duplicates are recognised per rule: two rules' signals carry unrelated times. */
  lastSignalId: string;
  lastSignalAt: string;
  /** The value behind the rule's current severity (the CAP message speaks of the leading rule's). */
  decidedBy?: DecidingValue;
}

/**
 * What an operational alert is about. Typed rather than a pseudo-zone or pseudo-hazard, so no zone-shaped code
 * (CAP, risk map, initiatives, reports) can take it for a flood warning by accident.
 */
export interface OperationalSubject {
  kind: 'feed-outage';
  /** The feed id, e.g. `dmi-oceanobs`. */
  feed: string;
  /** The feed's last successful cycle before it went quiet (ingest's clock); null: none heard of since watching began. */
  lastOkAt: string | null;
  /** Since when the alerting app counted silence (the last success, or when it began watching). */
  silentSince: string;
  /** How long a silence makes an outage for this feed. */
  limitMs: number;
  lastFailure: { at: string; reason: string } | null;
}

export interface AlertPolicy {
  /** A firing this soon after `resolvedAt` reopens the same alert; later, it opens a new episode. */
  reopenWindowMs: number;
  /** From this many reopenings on, reopen and resolve churn is recorded but not notified. */
  flapThreshold: number;
  /** Time a firing alert may stay unacknowledged, per severity, before escalating (again). */
  escalateAfterMs: Record<Severity, number>;
}

const MINUTE_MS = 60_000;

/**
 * Defaults for Assens' flood alerts: a surge that clears and returns within an hour is the same event
 * (tides and gusts make thresholds chatter); three reopenings make it flapping; an unacknowledged red
 * escalates after 10 minutes, orange after 30, yellow after 2 hours.
 */
export const DEFAULT_ALERT_POLICY: AlertPolicy = Object.freeze({
  reopenWindowMs: 60 * MINUTE_MS,
  flapThreshold: 3,
  escalateAfterMs: Object.freeze({ red: 10 * MINUTE_MS, orange: 30 * MINUTE_MS, yellow: 120 * MINUTE_MS }),
});

export function alertId(fingerprint: string, episode: number): string {
  return `${fingerprint}#${episode}`;
}

export function isOpen(alert: Alert): boolean {
  return alert.state !== 'resolved';
}

export function higherSeverity(a: Severity, b: Severity): Severity {
  return severityRank(b) > severityRank(a) ? b : a;
}

/** Event or operator time in ms (inputs are validated ISO instants, so Date.parse reads them exactly). */
export function timeMs(iso: string): number {
  return Date.parse(iso);
}

/** The later of two instants (ties keep the first). */
export function laterOf(a: string, b: string): string {
  return timeMs(b) > timeMs(a) ? b : a;
}

/** A copy of `alert` with `changes` appended to its history and `updatedAt` moved forward to the last one. */
export function withChanges(alert: Alert, changes: readonly AlertChange[]): Alert {
  if (changes.length === 0) return alert;
  const last = changes[changes.length - 1];
  return { ...alert, updatedAt: laterOf(alert.updatedAt, last.at), history: [...alert.history, ...changes] };
}

/** What one step did: the alert after it (undefined: there is none), the changes appended, whether to notify. */
export interface AlertTransition {
  alert: Alert | undefined;
  changes: AlertChange[];
  notify: boolean;
}
