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
  /** The newest outcome was `unknown` (a degraded signal has been sent for it). */
  degraded: boolean;
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
 * against the severity held before. An outcome older than the last one taken is ignored.
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
  if (prior.at !== null && instantMs(outcome.at) < instantMs(prior.at)) return { state: prior, signals: [] };

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
      at: outcome.at,
    };
    if (outcome.decidedBy) s.decidedBy = outcome.decidedBy;
    return s;
  };

  if (outcome.state === 'unknown') {
    const signals = prior.degraded ? [] : [signal('degraded', prior.severity)];
    return { state: { ...prior, degraded: true, at: outcome.at }, signals };
  }
  const next: AlertSignalState = { ...prior, severity: outcome.state, degraded: false, at: outcome.at };
  if (outcome.state === prior.severity) return { state: next, signals: [] };
  return { state: next, signals: [signal(outcome.state === null ? 'resolved' : 'firing', outcome.state)] };
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
