// Owns which stored alert one evaluator signal acts on — the zone's threat incident for its hazard, or the alert
// of its own fingerprint — and running the domain's step on it inside the ledger's transaction.
import {
  applySignal,
  applyThreatSignal,
  asIncident,
  incidentDecidedBy,
  isOpen,
  threatEvidenceOf,
  type AlertPolicy,
  type AlertTransition,
  type DecidingValue,
  type IdentifiedAlertSignal,
  type Silence,
  type Zone,
} from '@klimavagt/domain';
import type { AlertTransaction, StoredAlert } from '@klimavagt/storage';

export interface SignalStep {
  /** The alert the transition started from (undefined: there was none). */
  stored: StoredAlert | undefined;
  transition: AlertTransition;
  decidedBy: DecidingValue | undefined;
}

/** The row lock a signal needs, so a batch takes its locks in one order (see AlertLedger.applySignals). */
export function signalLockKey(signal: IdentifiedAlertSignal, zone: Zone | undefined): string {
  return evidenceOf(signal, zone) ? `${signal.zoneId}:${signal.hazard}` : signal.fingerprint;
}

export async function lockFor(tx: AlertTransaction, signal: IdentifiedAlertSignal, zone: Zone | undefined): Promise<void> {
  if (evidenceOf(signal, zone)) await tx.lockLatestIncident(signal.zoneId, signal.hazard);
  await tx.lockLatest(signal.fingerprint);
}

export async function signalStep(
  tx: AlertTransaction,
  signal: IdentifiedAlertSignal,
  zone: Zone | undefined,
  policy: AlertPolicy,
  silences: readonly Silence[],
): Promise<SignalStep> {
  const own = await tx.lockLatest(signal.fingerprint);
  const evidence = evidenceOf(signal, zone);
  if (!evidence) {
    const transition = applySignal(own?.alert, signal, policy, silences);
    return { stored: own, transition, decidedBy: signal.decidedBy ?? own?.decidedBy ?? undefined };
  }
  // An alert of this rule still open from before incidents existed carries on as its own incident until it
  // resolves; otherwise the zone's newest incident for the hazard; failing that, this rule's own last alert
  // (its episode numbering, its reopen window).
  const legacyOpen = own && !own.alert.sources && isOpen(own.alert) ? own : undefined;
  const stored = legacyOpen ?? (await tx.lockLatestIncident(signal.zoneId, signal.hazard)) ?? own;
  const incident = stored ? asIncident(stored.alert, evidence, stored.decidedBy ?? undefined) : undefined;
  const transition = applyThreatSignal(incident, signal, evidence, policy, silences);
  const after = transition.alert;
  // The leading rule's value (so CAP says Expected or Immediate by what stands); when none stands, the last one.
  const decidedBy = (after && incidentDecidedBy(after)) ?? stored?.decidedBy ?? signal.decidedBy;
  return { stored, transition, decidedBy };
}

function evidenceOf(signal: IdentifiedAlertSignal, zone: Zone | undefined) {
  return threatEvidenceOf(signal, zone?.rules.find((r) => r.id === signal.ruleId));
}
