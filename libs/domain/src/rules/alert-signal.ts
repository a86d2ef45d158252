// Owns turning a zone rule's successive outcomes into alert signals: firing, resolved, degraded.
import type { Hazard, Severity } from '../zones/hazard';
import { CAP_SEVERITY } from '../zones/hazard';
import { instantMs } from './rule-series';
import type { DecidingValue, Vote, ZoneRuleOutcome } from './verdict';

export type AlertSignalKind = 'firing' | 'resolved' | 'degraded';

export interface AlertSignal {
  kind: AlertSignalKind;
  /** `${zoneId}:${hazard}:${ruleId}`: stable across outcomes, so alerting can deduplicate and correlate. */
  fingerprint: string;
  zoneId: string;
  hazard: Hazard;
  ruleId: string;
  /** firing: the new severity; resolved: null; degraded: the last known severity, which still stands. */
  severity: Severity | null;
  previousSeverity: Severity | null;
  /** OASIS CAP severity of `severity` (of `previousSeverity` when resolved). */
  capSeverity: (typeof CAP_SEVERITY)[Severity] | null;
  decidedBy?: DecidingValue;
  /** The highest value of the episode so far (see ZoneRuleOutcome.peak); on `resolved`, the episode's peak. */
  peak?: DecidingValue;
  votes: Vote[];
  /** Event time of the outcome that caused the signal. */
  at: string;
}

/** What the signal step remembers per fingerprint. Plain JSON. */
export interface AlertSignalState {
  v: 1;
  fingerprint: string;
  /** The last definite severity (null = clear); `unknown` outcomes do not overwrite it. */
  severity: Severity | null;
  /** The newest outcome was `unknown` (a degraded signal has been sent for it, unless never definite). */
  degraded: boolean;
  /** The rule has had a definite state (severity or clear) at least once. */
  definite?: boolean;
  /** Time of the last signal sent. */
  signalAt?: string;
  at: string | null;
}

export function alertFingerprint(o: Pick<ZoneRuleOutcome, 'zoneId' | 'hazard' | 'ruleId'>): string {
  return `${o.zoneId}:${o.hazard}:${o.ruleId}`;
}

/**
 * One outcome through the signal state. A change of definite severity fires (null → yellow, yellow →
 * orange, and orange → yellow too, carrying previousSeverity); back to null resolves. `unknown` is
 * degraded coverage: it sends one `degraded` signal and neither resolves nor forgets the severity, so
 * returning from unknown to the same severity sends nothing, and to another one fires or resolves
 * against the severity held before. A rule that never had a definite state sends no `degraded` (before a
 * zone's gauges first speak — start-up, a new zone — it is unknown, not degraded; zone-risk.v1 still says
 * unknown). Every outcome is the rule's current state and counts, even one stamped earlier than the last
 * (a late gauge's verdict): its signal is stamped 1 ms after the previous signal, so signals stay in order.
 */
export function stepAlertSignal(
  state: AlertSignalState | undefined,
  outcome: ZoneRuleOutcome,
): { state: AlertSignalState; signals: AlertSignal[] } {
  const fingerprint = alertFingerprint(outcome);
  const prior: AlertSignalState =
    state && state.fingerprint === fingerprint
      ? state
      : { v: 1, fingerprint, severity: null, degraded: false, at: null };
  // Strictly later than the previous signal: two signals of a fingerprint never share a time, so a re-delivered
  // older one is always recognised as older (see isDuplicate in the alert lifecycle).
  const at = prior.at !== null && instantMs(outcome.at) < instantMs(prior.at) ? prior.at : outcome.at;
  // Signals strictly later than the previous one: two signals of a fingerprint never share a time, so a
  // re-delivered older one is always recognised as older (see isDuplicate in the alert lifecycle).
  const signalAt = prior.signalAt && instantMs(at) <= instantMs(prior.signalAt) ? new Date(instantMs(prior.signalAt) + 1).toISOString() : at;

  const signal = (kind: AlertSignalKind, severity: Severity | null): AlertSignal => {
    const s: AlertSignal = {
      kind,
      fingerprint,
      zoneId: outcome.zoneId,
      hazard: outcome.hazard,
      ruleId: outcome.ruleId,
      severity,
      previousSeverity: prior.severity,
      capSeverity: capOf(kind === 'resolved' ? prior.severity : severity),
      votes: outcome.votes,
      at: signalAt,
    };
    if (outcome.decidedBy) s.decidedBy = outcome.decidedBy;
    if (outcome.peak) s.peak = outcome.peak;
    return s;
  };

  if (outcome.state === 'unknown') {
    // States saved before `definite` existed: a severity, or a last outcome that was not unknown, was definite.
    const wasDefinite = prior.definite || prior.severity !== null || (prior.at !== null && !prior.degraded);
    const signals = prior.degraded || !wasDefinite ? [] : [signal('degraded', prior.severity)];
    return { state: { ...prior, degraded: true, at, ...(signals.length > 0 ? { signalAt } : {}) }, signals };
  }
  const next: AlertSignalState = { ...prior, severity: outcome.state, degraded: false, definite: true, at };
  if (outcome.state === prior.severity) return { state: next, signals: [] };
  return { state: { ...next, signalAt }, signals: [signal(outcome.state === null ? 'resolved' : 'firing', outcome.state)] };
}

/** The signals of a sequence of outcomes (any zones and rules, in the order they were decided). */
export function deriveAlertSignals(outcomes: readonly ZoneRuleOutcome[]): AlertSignal[] {
  const states = new Map<string, AlertSignalState>();
  const out: AlertSignal[] = [];
  for (const o of outcomes) {
    const r = stepAlertSignal(states.get(alertFingerprint(o)), o);
    states.set(r.state.fingerprint, r.state);
    out.push(...r.signals);
  }
  return out;
}

function capOf(severity: Severity | null): AlertSignal['capSeverity'] {
  return severity === null ? null : CAP_SEVERITY[severity];
}
