// Owns every change to alerts: evaluator signals, operator actions and escalation each become one domain
// transition, committed in one transaction with its CAP message and its outbox entries.
import { Inject, Injectable } from '@nestjs/common';
import { KLIMAVAGT_CONFIG, KlimavagtConfig } from '@klimavagt/config';
import {
  acknowledge,
  alertCapInput,
  alertCoverage,
  buildCapAlert,
  capIdentifier,
  capMessageHref,
  capMsgTypeFor,
  CLOCK_STARTS,
  compareIds,
  escalationCheckAfter,
  comment,
  escalate,
  isZoneAlert,
  nextEpisodePeak,
  nextEscalationCheckAt,
  resolveManually,
  transitionNotifications,
  applySignal,
  gaugeSilentMessage,
  isGaugeSilentRule,
  type Alert,
  type AlertChange,
  type AlertPolicy,
  type AlertTransition,
  type DecidingValue,
  type IdentifiedAlertSignal,
  type LifecycleSignal,
  type Vote,
  type Zone,
} from '@klimavagt/domain';
import { AlertsRepository, AlertTransaction, StoredAlert, StoredCapMessage } from '@klimavagt/storage';
import { AlertContext, AlertContextSource } from './alert-context';
import { ALERT_POLICY } from './alert-policy.provider';
import { lockFor, signalLockKey, signalStep } from './signal-step';

export type OperatorCommand =
  | { kind: 'acknowledge'; by: string; reason?: string }
  | { kind: 'resolve'; by: string; reason: string }
  | { kind: 'comment'; by: string; text: string };

/** What one committed transition did, for metrics and for the HTTP answer. */
export interface CommittedTransition {
  before: Alert | undefined;
  after: Alert;
  changes: AlertChange[];
  notified: boolean;
}

export class AlertNotFoundError extends Error {
  constructor(readonly alertId: string) {
    super(`alert ${alertId} does not exist`);
    this.name = 'AlertNotFoundError';
  }
}

@Injectable()
export class AlertLedger {
  private readonly listeners: ((t: CommittedTransition) => void)[] = [];

  constructor(
    private readonly alerts: AlertsRepository,
    private readonly context: AlertContextSource,
    @Inject(ALERT_POLICY) private readonly policy: AlertPolicy,
    @Inject(KLIMAVAGT_CONFIG) private readonly config: KlimavagtConfig,
  ) {}

  /** Called after each commit (metrics); never inside the transaction. */
  onCommitted(listener: (t: CommittedTransition) => void): void {
    this.listeners.push(listener);
  }

  /** A batch of evaluator signals, in order, in one transaction; duplicates change nothing. */
  async applySignals(signals: readonly IdentifiedAlertSignal[]): Promise<CommittedTransition[]> {
    if (signals.length === 0) return [];
    const now = new Date().toISOString();
    const ctx = await this.context.load(now, signals.map((s) => s.zoneId));
    const committed = await this.alerts.transaction(async (tx) => {
      // Locks in fingerprint order (a threat incident's by zone and hazard), as escalation takes them, so two
      // transactions never wait on each other.
      const byKey = new Map(signals.map((s) => [signalLockKey(s, ctx.zone(s.zoneId)), s]));
      for (const key of [...byKey.keys()].sort()) await lockFor(tx, byKey.get(key)!, ctx.zone(byKey.get(key)!.zoneId));
      const out: CommittedTransition[] = [];
      for (const signal of signals) {
        const { stored, transition, decidedBy } = await signalStep(tx, signal, ctx.zone(signal.zoneId), this.policy, ctx.silences);
        const done = await this.commit(tx, stored, transition, ctx, now, decidedBy, signal.peak, signal.votes);
        if (done) out.push(done);
      }
      return out;
    });
    this.announce(committed);
    return committed;
  }

  async act(alertId: string, command: OperatorCommand): Promise<StoredAlert> {
    const now = new Date().toISOString();
    const existing = await this.alerts.get(alertId);
    if (!existing) throw new AlertNotFoundError(alertId);
    const ctx = await this.context.load(now, existing.alert.zoneId === null ? [] : [existing.alert.zoneId]);
    const committed = await this.alerts.transaction(async (tx) => {
      const stored = await tx.lock(alertId);
      if (!stored) throw new AlertNotFoundError(alertId);
      const action = { by: command.by, at: now };
      const result =
        command.kind === 'acknowledge'
          ? acknowledge(stored.alert, { ...action, ...(command.reason ? { reason: command.reason } : {}) })
          : command.kind === 'resolve'
            ? resolveManually(stored.alert, { ...action, reason: command.reason })
            : comment(stored.alert, { ...action, text: command.text });
      // A manual resolve tells the recipients it is over, like the evaluator's resolve does.
      const transition: AlertTransition = { ...result, notify: command.kind === 'resolve' };
      return this.commit(tx, stored, transition, ctx, now, stored.decidedBy ?? undefined);
    });
    this.announce(committed ? [committed] : []);
    return (await this.alerts.get(alertId))!;
  }

  /** Escalates every alert whose escalation is due at `now` (wall clock); returns how many escalated. */
  async escalateDue(now: string, limit = 100): Promise<number> {
    // In fingerprint order, like signal batches lock them (see applySignals).
    const due = (await this.alerts.dueForEscalation(now, limit)).sort((a, b) => compareIds(fingerprintOf(a), fingerprintOf(b)) || compareIds(a, b));
    if (due.length === 0) return 0;
    const ctx = await this.context.load(now, due.map((id) => fingerprintOf(id).split(':')[0]));
    const committed = await this.alerts.transaction(async (tx) => {
      const out: CommittedTransition[] = [];
      for (const id of due) {
        const stored = await tx.lock(id);
        if (!stored) continue;
        const done = await this.commit(tx, stored, escalate(stored.alert, this.policy, now, ctx.silences), ctx, now, stored.decidedBy ?? undefined);
        // Nothing due after all (acknowledged meanwhile): store the recomputed time so it is not picked again.
        if (!done) await tx.save({ ...stored, nextEscalationAt: nextEscalationCheckAt(stored.alert, this.policy, ctx.silences) ?? null }, stored.version);
        else out.push(done);
      }
      return out;
    });
    this.announce(committed);
    return committed.filter((c) => c.changes.some((ch) => ch.kind === 'escalated')).length;
  }

  // ── Operational alerts (feed outages, apps/alerting/src/feeds): the same lifecycle and outbox, no zone, no CAP.
  /**
   * One operational signal inside the caller's transaction (which also holds the feed's own state, so an
   * outage and its recovery cannot cross). `ctx` is loaded before the transaction; call `announce` after it.
   */
  async applyOperationalSignal(tx: AlertTransaction, signal: LifecycleSignal, ctx: AlertContext, now: string): Promise<CommittedTransition | undefined> {
    const stored = await tx.lockLatest(signal.fingerprint);
    return this.commit(tx, stored, applySignal(stored?.alert, signal, this.policy, ctx.silences), ctx, now, undefined);
  }
  // ── end of operational alerts

  private async commit(
    tx: AlertTransaction,
    stored: StoredAlert | undefined,
    transition: AlertTransition,
    ctx: AlertContext,
    now: string,
    decidedBy: DecidingValue | undefined,
    /** The evaluator's episode peak so far (the highest value, not only the one that changed the severity). */
    signalPeak?: DecidingValue,
    /** The signal's votes: a gauge-silent alert names the silent stations. */
    votes?: readonly Vote[],
  ): Promise<CommittedTransition | undefined> {
    const alert = transition.alert;
    if (!alert) return undefined;
    if (transition.changes.length === 0) {
      // A threat incident's rules moved without the incident changing: their states are kept, nobody is told.
      if (stored && stored.alert.id === alert.id && stored.alert !== alert) await tx.save({ ...stored, alert }, stored.version);
      return undefined;
    }
    // A new episode starts its own peak; the same episode keeps climbing from where it was.
    const sameEpisode = stored && stored.alert.id === alert.id;
    const peak = nextEpisodePeak(nextEpisodePeak(sameEpisode ? stored.coverage.peak : null, decidedBy), signalPeak);
    const coverage = alertCoverage(alert, ctx.initiatives, peak);
    const record = {
      alert,
      coverage,
      decidedBy: decidedBy ?? null,
      nextEscalationAt:
        escalationCheckAfter({
          alert,
          policy: this.policy,
          silences: ctx.silences,
          now,
          restarted: transition.changes.some((c) => CLOCK_STARTS.has(c.kind)),
          previous: sameEpisode ? stored.nextEscalationAt : null,
        }) ?? null,
    };
    await tx.save(record, sameEpisode ? stored.version : 0);

    // Operational alerts are no public warning: no zone, no CAP message. Nor is a silent gauge: people are
    // paged, the public CAP feed says nothing of it.
    const zone = isZoneAlert(alert) ? ctx.zone(alert.zoneId) : undefined;
    const gaugeSilent = isZoneAlert(alert) && isGaugeSilentRule(zone, alert.ruleId);
    const previous = zone && !gaugeSilent ? await tx.capMessages(alert.id) : [];
    const capBase = {
      alert,
      coverage,
      ...(decidedBy ? { decidedBy } : {}),
      sentAt: now,
      sender: this.config.ALERTING_CAP_SENDER,
      references: previous.map((m) => ({ sender: m.sender, identifier: m.identifier, sent: m.sent })),
      web: `${this.config.ALERTING_PUBLIC_URL}/v1/alerts/${encodeURIComponent(alert.id)}`,
    };
    let cap: { identifier: string; msgType: string; href: string } | undefined;
    // The public record follows the alert whatever pages people: silences and flapping hold back pages, not CAP.
    const publicChange = transition.changes.find((c) => capMsgTypeFor(c, previous.length + 1) !== null);
    const sequence = previous.length + 1;
    const msgType = publicChange ? capMsgTypeFor(publicChange, sequence) : null;
    if (zone && msgType && isZoneAlert(alert) && !gaugeSilent) {
      const input = alertCapInput({ ...capBase, alert, zone: capZone(zone), msgType, sequence });
      const message: StoredCapMessage = {
        identifier: capIdentifier(input.alertId, sequence),
        alertId: alert.id,
        sequence,
        msgType,
        sender: input.sender,
        sent: input.sentAt,
        input,
        xml: buildCapAlert(input),
      };
      await tx.addCapMessage(message);
      cap = { identifier: message.identifier, msgType, href: capMessageHref(this.config.ALERTING_PUBLIC_URL, alert.id) };
    }
    // The people-readable texts of every channel are the CAP texts of the alert as it stands now.
    const capInput = isZoneAlert(alert)
      ? alertCapInput({
          ...capBase,
          alert,
          zone: zone ? capZone(zone) : { id: alert.zoneId, name: alert.zoneId, geometry: { type: 'Polygon', coordinates: [] }, illustrative: false },
          msgType: alert.state === 'resolved' ? 'Cancel' : previous.length === 0 ? 'Alert' : 'Update',
          sequence,
        })
      : undefined;
    const notifications = transitionNotifications({
      alert,
      changes: transition.changes,
      notify: transition.notify,
      routes: ctx.routes,
      coverage,
      ...(decidedBy ? { decidedBy } : {}),
      ...(capInput ? { capInput } : {}),
      ...(cap ? { cap } : {}),
      ...(gaugeSilent && zone ? { message: (change: AlertChange) => gaugeSilentMessage({ zone, ruleId: alert.ruleId, change, ...(votes ? { votes } : {}) }) } : {}),
    });
    await tx.enqueue(notifications, now);
    return { before: stored?.alert, after: alert, changes: transition.changes, notified: transition.notify };
  }

  /** Tells the listeners (metrics) of committed transitions; public for operational alerts' own transactions. */
  announce(committed: readonly CommittedTransition[]): void {
    for (const c of committed) for (const l of this.listeners) l(c);
  }
}

const fingerprintOf = (alertId: string) => alertId.replace(/#\d+$/, '');

function capZone(zone: Pick<Zone, 'id' | 'name' | 'geometry' | 'illustrative'>) {
  return { id: zone.id, name: zone.name, geometry: zone.geometry, illustrative: zone.illustrative };
}
