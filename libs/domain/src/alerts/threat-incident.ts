// Owns threat incidents: a zone's forecast warning and its observed alerts of the same hazard as one alert —
// the forecast opens it, an observation confirms or raises it, and it resolves once, when every rule is clear.
import type { IdentifiedAlertSignal } from '../evaluation/zone-stage-evaluator';
import type { DecidingValue } from '../rules/verdict';
import type { RuleSpec } from '../rules/rule-spec';
import { severityRank, type Severity } from '../zones/hazard';
import { AlertActionError } from './alert-actions';
import {
  isOpen,
  SYSTEM_ACTOR,
  timeMs,
  withChanges,
  type Alert,
  type AlertChange,
  type AlertPolicy,
  type AlertTransition,
  type IncidentSource,
  type ThreatEvidence,
} from './alert';
import { applySignal } from './alert-lifecycle';
import type { Silence } from './silence';

/**
 * Whether a signal is part of a threat, and of which kind: a forecast rule warns, the rules judging
 * observations (threshold, rate of rise, accumulation, compound) observe. A silent gauge (`stale`) is no threat
 * to the zone but a gap in watching it: it keeps its own alert (undefined). The zone's rule decides; when the
 * rule is no longer in the zone (edited meanwhile), the value behind the signal says it; with neither, the
 * signal keeps the alert of its own fingerprint as before.
 */
export function threatEvidenceOf(
  signal: Pick<IdentifiedAlertSignal, 'ruleId' | 'decidedBy'>,
  rule: { spec: Pick<RuleSpec, 'kind'> } | undefined,
): ThreatEvidence | undefined {
  if (rule) {
    if (rule.spec.kind === 'stale') return undefined;
    return rule.spec.kind === 'forecast' ? 'forecast' : 'observed';
  }
  if (!signal.decidedBy) return undefined;
  return signal.decidedBy.measure === 'forecast-peak' ? 'forecast' : 'observed';
}

/** Every rule's severity and evidence before this module existed: an alert of one rule is an incident of one. */
export function asIncident(alert: Alert, evidence: ThreatEvidence, decidedBy?: DecidingValue): Alert {
  if (alert.sources) return alert;
  const source: IncidentSource = {
    ruleId: alert.ruleId,
    evidence,
    severity: isOpen(alert) ? alert.severity : null,
    lastSignalId: alert.lastSignalId,
    lastSignalAt: alert.lastSignalAt,
  };
  if (decidedBy) source.decidedBy = decidedBy;
  return { ...alert, sources: { [alert.fingerprint]: source }, evidence };
}

/**
 * One signal of a threat rule through the zone's incident for its hazard (`incident`: the newest one, open or
 * resolved, or undefined; an alert stored before incidents is taken as an incident of its own rule).
 *
 * The incident's severity is the highest of its rules' severities, so the lifecycle of applySignal (open,
 * raise, lower, resolve, reopen within the window or a new episode, flapping, silences) runs on that: a
 * second rule reaching a severity the incident already has changes nothing and pages nobody, a rule clearing
 * while another still fires lowers the incident or leaves it, and it resolves once, when the last rule clears.
 * When an observation first stands behind an incident the forecast opened, 'confirmed' is recorded (CAP
 * urgency Immediate from then on; it pages only if the severity rose too); 'forecast-only' when the
 * observations clear and the forecast still warns. A resolved incident is reopened only by a firing signal
 * (after an operator resolved it, a rule clearing is bookkeeping). Duplicates are recognised per rule.
 * The returned alert can differ from `incident` with no change recorded: the rules' own states moved
 * (bookkeeping the caller stores, nothing anyone is told). Inputs are never mutated.
 */
export function applyThreatSignal(
  incident: Alert | undefined,
  signal: IdentifiedAlertSignal,
  evidence: ThreatEvidence,
  policy: AlertPolicy,
  silences: readonly Silence[] = [],
): AlertTransition {
  if (incident && (incident.zoneId !== signal.zoneId || incident.hazard !== signal.hazard)) {
    throw new AlertActionError('fingerprint-mismatch', `signal ${signal.signalId} is not for incident ${incident.id}`);
  }
  const current = incident ? asIncident(incident, evidence) : undefined;
  const sources = current?.sources ?? {};
  const own = sources[signal.fingerprint];
  if (own && (own.lastSignalId === signal.signalId || timeMs(signal.at) < timeMs(own.lastSignalAt))) return unchanged(incident);
  if (signal.kind === 'firing' && signal.severity === null) return unchanged(incident);

  const nextSources = { ...sources, [signal.fingerprint]: nextSource(own, signal, evidence) };
  const target = highestSeverity(nextSources);
  const nextEvidence = evidenceOf(nextSources) ?? current?.evidence ?? evidence;

  // The incident's own signal: its severity now, under the incident's fingerprint, run through the lifecycle.
  const driver = drivingSignal(current, signal, target);
  if (!driver) return bookkeeping(current, nextSources, incident);
  const step = applySignal(current, driver, policy, silences);
  if (!step.alert) return bookkeeping(current, nextSources, incident);

  let alert: Alert = { ...step.alert, sources: nextSources, evidence: nextEvidence };
  const changes = [...step.changes];
  const wasOpen = current !== undefined && isOpen(current) && current.id === alert.id;
  if (wasOpen && isOpen(alert) && current.evidence !== nextEvidence) {
    const change = evidenceChange(driver.at, nextEvidence, alert.severity, signal.ruleId);
    // Taken like any signal of the incident, though the lifecycle had nothing to change.
    if (step.changes.length === 0) alert = { ...alert, lastSignalId: driver.signalId, lastSignalAt: driver.at };
    alert = withChanges(alert, [change]);
    changes.push(change);
  }
  if (changes.length === 0) return bookkeeping(current, nextSources, incident);
  return { alert, changes, notify: step.notify };
}

/** The value an incident's CAP message and pages speak of: the highest rule of the evidence that stands. */
export function incidentDecidedBy(alert: Alert): DecidingValue | undefined {
  if (!alert.sources || !isOpen(alert)) return undefined;
  let lead: IncidentSource | undefined;
  for (const s of Object.values(alert.sources)) {
    if (s.severity === null || s.evidence !== alert.evidence || !s.decidedBy) continue;
    const better = !lead || severityRank(s.severity) > severityRank(lead.severity!) || (s.severity === lead.severity && timeMs(s.lastSignalAt) > timeMs(lead.lastSignalAt));
    if (better) lead = s;
  }
  return lead?.decidedBy;
}

function nextSource(own: IncidentSource | undefined, signal: IdentifiedAlertSignal, evidence: ThreatEvidence): IncidentSource {
  const severity = signal.kind === 'firing' ? signal.severity : signal.kind === 'resolved' ? null : (own?.severity ?? signal.severity);
  const source: IncidentSource = { ruleId: signal.ruleId, evidence, severity, lastSignalId: signal.signalId, lastSignalAt: signal.at };
  const decidedBy = signal.decidedBy ?? own?.decidedBy;
  if (decidedBy) source.decidedBy = decidedBy;
  return source;
}

function drivingSignal(current: Alert | undefined, signal: IdentifiedAlertSignal, target: Severity | null): IdentifiedAlertSignal | undefined {
  const open = current !== undefined && isOpen(current);
  let kind: IdentifiedAlertSignal['kind'];
  if (signal.kind === 'degraded') kind = 'degraded';
  else if (target === null) kind = 'resolved';
  else if (signal.kind === 'firing' || open) kind = 'firing';
  else return undefined;
  // Rules' signal times interleave; the incident's own must still move forward (the lifecycle drops older ones).
  const last = current ? timeMs(current.lastSignalAt) : Number.NEGATIVE_INFINITY;
  const at = timeMs(signal.at) > last ? signal.at : new Date(last + 1).toISOString();
  return {
    ...signal,
    kind,
    fingerprint: current?.fingerprint ?? signal.fingerprint,
    ruleId: current?.ruleId ?? signal.ruleId,
    severity: kind === 'degraded' ? (current?.severity ?? null) : target,
    previousSeverity: current && isOpen(current) ? current.severity : null,
    at,
  };
}

function evidenceChange(at: string, evidence: ThreatEvidence, severity: Severity, ruleId: string): AlertChange {
  return evidence === 'observed'
    ? { at, kind: 'confirmed', by: SYSTEM_ACTOR, severity, reason: `observed (rule ${ruleId}): the forecast warning is confirmed` }
    : { at, kind: 'forecast-only', by: SYSTEM_ACTOR, severity, reason: `no longer observed (rule ${ruleId}); the forecast still warns` };
}

function highestSeverity(sources: Record<string, IncidentSource>): Severity | null {
  let top: Severity | null = null;
  for (const s of Object.values(sources)) if (s.severity !== null && (top === null || severityRank(s.severity) > severityRank(top))) top = s.severity;
  return top;
}

/** Observed when any observing rule stands at a severity, forecast when only forecasts do, else unsaid. */
function evidenceOf(sources: Record<string, IncidentSource>): ThreatEvidence | undefined {
  const standing = Object.values(sources).filter((s) => s.severity !== null);
  if (standing.some((s) => s.evidence === 'observed')) return 'observed';
  return standing.length > 0 ? 'forecast' : undefined;
}

function bookkeeping(current: Alert | undefined, sources: Record<string, IncidentSource>, incident: Alert | undefined): AlertTransition {
  if (!current) return unchanged(incident);
  return { alert: { ...current, sources }, changes: [], notify: false };
}

function unchanged(alert: Alert | undefined): AlertTransition {
  return { alert, changes: [], notify: false };
}
