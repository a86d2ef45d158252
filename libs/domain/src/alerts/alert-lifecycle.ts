// Owns the alert lifecycle: one evaluator signal applied to the alert of its fingerprint, deterministically.
import type { IdentifiedAlertSignal } from '../evaluation/zone-stage-evaluator';
import type { Hazard, Severity } from '../zones/hazard';
import { severityRank } from '../zones/hazard';
import { AlertActionError } from './alert-actions';
import {
  alertId,
  higherSeverity,
  SIGNAL_ACTOR,
  SYSTEM_ACTOR,
  timeMs,
  withChanges,
  type Alert,
  type AlertChange,
  type AlertPolicy,
  type AlertTransition,
  type OperationalSubject,
} from './alert';
import { refreshSilence, type Silence } from './silence';

/**
 * What the lifecycle needs of a signal: an evaluator signal, or an operational one (no zone, no hazard, a
 * subject instead, and a reason recorded with the change).
 */
export type LifecycleSignal = Pick<IdentifiedAlertSignal, 'signalId' | 'kind' | 'fingerprint' | 'ruleId' | 'severity' | 'at'> & {
  zoneId: string | null;
  hazard: Hazard | null;
  operational?: OperationalSubject;
  reason?: string;
};

/**
 * One signal through the alert of its fingerprint (`alert` is the newest episode, or undefined).
 *
 * - a signal already taken (same `signalId`, or event time older than the last one taken) changes nothing;
 * - `firing` with no alert opens episode 1; on an open alert with another severity it raises or lowers
 *   that same alert (a raise returns an acknowledged alert to firing, a lowering leaves it acknowledged);
 * - `resolved` resolves it (resolvedBy 'signal');
 * - `firing` on a resolved alert within `policy.reopenWindowMs` of `resolvedAt` reopens it (flapCount+1),
 *   later it opens a new episode (a new alert, new id; the resolved one stays as it is);
 * - `degraded` is recorded on an existing alert and changes nothing else.
 *
 * `notify` is true for opened, reopened, raised, lowered and resolved; never for degraded or duplicates.
 * It is false while a silence or maintenance window matches (recorded once as 'silenced'), and for
 * reopen/resolve churn once flapCount has reached `policy.flapThreshold` (still recorded).
 * Inputs are never mutated; the same inputs always give the same output.
 */
export function applySignal(
  alert: Alert | undefined,
  signal: LifecycleSignal,
  policy: AlertPolicy,
  silences: readonly Silence[] = [],
): AlertTransition {
  if (alert && alert.fingerprint !== signal.fingerprint) {
    throw new AlertActionError(
      'fingerprint-mismatch',
      `signal ${signal.signalId} is not for alert ${alert.id}`,
    );
  }
  if (alert && isDuplicate(alert, signal)) return unchanged(alert);
  const step = transition(alert, signal, policy);
  if (!step.alert || step.changes.length === 0) return step;
  const silenced = refreshSilence(step.alert, silences, signal.at);
  return {
    alert: silenced.alert,
    changes: [...step.changes, ...silenced.changes],
    notify: step.notify && silenced.silence === undefined,
  };
}

/** Same signal id, or an event time older than the newest signal the alert has taken. */
export function isDuplicate(alert: Alert, signal: LifecycleSignal): boolean {
  return signal.signalId === alert.lastSignalId || timeMs(signal.at) < timeMs(alert.lastSignalAt);
}

function transition(
  alert: Alert | undefined,
  signal: LifecycleSignal,
  policy: AlertPolicy,
): AlertTransition {
  switch (signal.kind) {
    case 'degraded':
      return alert ? degrade(alert, signal) : unchanged(alert);
    case 'resolved':
      return alert && alert.state !== 'resolved' ? resolve(alert, signal, policy) : unchanged(alert);
    case 'firing': {
      const severity = signal.severity;
      if (severity === null) return unchanged(alert);
      if (!alert) return open(signal, severity, 1);
      if (alert.state !== 'resolved') return changeSeverity(alert, signal, severity);
      const sinceResolvedMs = timeMs(signal.at) - timeMs(alert.resolvedAt ?? alert.updatedAt);
      return sinceResolvedMs <= policy.reopenWindowMs
        ? reopen(alert, signal, severity, policy)
        : open(signal, severity, alert.episode + 1, alert);
    }
  }
}

function open(
  signal: LifecycleSignal,
  severity: Severity,
  episode: number,
  previous?: Alert,
): AlertTransition {
  const change: AlertChange = { at: signal.at, kind: 'opened', by: SYSTEM_ACTOR, severity };
  if (previous)
    change.reason = `new episode: ${previous.id} resolved ${previous.resolvedAt ?? previous.updatedAt}`;
  if (signal.reason) change.reason = change.reason ? `${signal.reason}; ${change.reason}` : signal.reason;
  const alert: Alert = {
    id: alertId(signal.fingerprint, episode),
    fingerprint: signal.fingerprint,
    zoneId: signal.zoneId,
    hazard: signal.hazard,
    ruleId: signal.ruleId,
    episode,
    state: 'firing',
    severity,
    peakSeverity: severity,
    openedAt: signal.at,
    updatedAt: signal.at,
    escalationLevel: 0,
    lastSignalId: signal.signalId,
    lastSignalAt: signal.at,
    flapCount: 0,
    history: [change],
  };
  if (signal.operational) alert.operational = signal.operational;
  return { alert, changes: [change], notify: true };
}

function changeSeverity(alert: Alert, signal: LifecycleSignal, severity: Severity): AlertTransition {
  if (severity === alert.severity) return unchanged(alert);
  const raised = severityRank(severity) > severityRank(alert.severity);
  const change: AlertChange = {
    at: signal.at,
    kind: raised ? 'severity-raised' : 'severity-lowered',
    by: SYSTEM_ACTOR,
    severity,
    previousSeverity: alert.severity,
  };
  let next: Alert = {
    ...taken(alert, signal),
    severity,
    peakSeverity: higherSeverity(alert.peakSeverity, severity),
  };
  if (raised && alert.state === 'acknowledged') {
    change.reason = `raised while acknowledged by ${alert.acknowledgedBy ?? 'an operator'}: firing again`;
    next = withoutAcknowledgement({ ...next, state: 'firing' });
  }
  return { alert: withChanges(next, [change]), changes: [change], notify: true };
}

function resolve(alert: Alert, signal: LifecycleSignal, policy: AlertPolicy): AlertTransition {
  const flapping = alert.flapCount >= policy.flapThreshold;
  const change: AlertChange = {
    at: signal.at,
    kind: 'resolved',
    by: SYSTEM_ACTOR,
    previousSeverity: alert.severity,
  };
  if (signal.reason) change.reason = signal.reason;
  if (flapping) change.reason = [signal.reason, flappingReason(alert.flapCount)].filter(Boolean).join('; ');
  const next: Alert = {
    ...taken(alert, signal),
    state: 'resolved',
    resolvedAt: signal.at,
    resolvedBy: SIGNAL_ACTOR,
  };
  return { alert: withChanges(next, [change]), changes: [change], notify: !flapping };
}

function reopen(
  alert: Alert,
  signal: LifecycleSignal,
  severity: Severity,
  policy: AlertPolicy,
): AlertTransition {
  const flapCount = alert.flapCount + 1;
  const flapping = flapCount >= policy.flapThreshold;
  const change: AlertChange = {
    at: signal.at,
    kind: 'reopened',
    by: SYSTEM_ACTOR,
    severity,
    previousSeverity: alert.severity,
    reason: [
      signal.reason,
      flapping ? flappingReason(flapCount) : `fired again within the reopen window (resolved ${alert.resolvedAt ?? alert.updatedAt})`,
    ]
      .filter(Boolean)
      .join('; '),
  };
  let next: Alert = {
    ...taken(alert, signal),
    state: 'firing',
    severity,
    peakSeverity: higherSeverity(alert.peakSeverity, severity),
    escalationLevel: 0,
    flapCount,
  };
  next = withoutAcknowledgement(next);
  // An operational alert speaks of the outage it reopened for (its last success, its last failure).
  if (signal.operational) next.operational = signal.operational;
  delete next.resolvedAt;
  delete next.resolvedBy;
  return { alert: withChanges(next, [change]), changes: [change], notify: !flapping };
}

function degrade(alert: Alert, signal: LifecycleSignal): AlertTransition {
  const change: AlertChange = {
    at: signal.at,
    kind: 'degraded',
    by: SYSTEM_ACTOR,
    reason: 'coverage degraded: the rule cannot judge the zone; the last severity stands',
  };
  if (signal.severity !== null) change.severity = signal.severity;
  return { alert: withChanges(taken(alert, signal), [change]), changes: [change], notify: false };
}

function taken(alert: Alert, signal: LifecycleSignal): Alert {
  return { ...alert, lastSignalId: signal.signalId, lastSignalAt: signal.at };
}

function withoutAcknowledgement(alert: Alert): Alert {
  const next = { ...alert };
  delete next.acknowledgedAt;
  delete next.acknowledgedBy;
  return next;
}

function flappingReason(flapCount: number): string {
  return `flapping (${flapCount} reopenings): recorded, not notified`;
}

function unchanged(alert: Alert | undefined): AlertTransition {
  return { alert, changes: [], notify: false };
}
