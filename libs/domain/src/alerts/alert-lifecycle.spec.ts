// Tests the alert lifecycle: dedupe, severity changes as one alert, reopen vs new episode, flapping, silences.
import { signalId, type IdentifiedAlertSignal } from '../evaluation/zone-stage-evaluator';
import type { AlertSignalKind } from '../rules/alert-signal';
import { CAP_SEVERITY, type Severity } from '../zones/hazard';
import { acknowledge } from './alert-actions';
import { DEFAULT_ALERT_POLICY, type Alert, type AlertPolicy } from './alert';
import { applySignal } from './alert-lifecycle';
import type { Silence } from './silence';

const MIN = 60_000;
const T0 = Date.UTC(2023, 9, 20, 22, 0, 0);
const at = (minute: number) => new Date(T0 + minute * MIN).toISOString();
const FP = 'assens-havn:coastal-flooding:assens-sea';
const policy: AlertPolicy = { ...DEFAULT_ALERT_POLICY, reopenWindowMs: 60 * MIN, flapThreshold: 3 };

function sig(kind: AlertSignalKind, minute: number, severity: Severity | null = null): IdentifiedAlertSignal {
  const s = {
    kind,
    fingerprint: FP,
    zoneId: 'assens-havn',
    hazard: 'coastal-flooding' as const,
    ruleId: 'assens-sea',
    severity,
    previousSeverity: null,
    capSeverity: severity ? CAP_SEVERITY[severity] : null,
    votes: [],
    at: at(minute),
  };
  return { ...s, signalId: signalId(s) };
}

/** Folds signals through applySignal, keeping every episode by id and the notify flags. */
function run(signals: IdentifiedAlertSignal[], silences: Silence[] = [], p = policy) {
  const episodes = new Map<string, Alert>();
  let current: Alert | undefined;
  const notify: boolean[] = [];
  for (const s of signals) {
    const r = applySignal(current, s, p, silences);
    current = r.alert;
    if (current) episodes.set(current.id, current);
    notify.push(r.notify);
  }
  return { current: current!, episodes, notify };
}

describe('applySignal', () => {
  it('opens episode 1 on the first firing', () => {
    const r = applySignal(undefined, sig('firing', 0, 'yellow'), policy);
    expect(r.notify).toBe(true);
    expect(r.alert).toMatchObject({
      id: `${FP}#1`,
      episode: 1,
      state: 'firing',
      severity: 'yellow',
      peakSeverity: 'yellow',
      openedAt: at(0),
      updatedAt: at(0),
      escalationLevel: 0,
      flapCount: 0,
      lastSignalId: sig('firing', 0, 'yellow').signalId,
    });
    expect(r.changes).toEqual([{ at: at(0), kind: 'opened', by: 'evaluator', severity: 'yellow' }]);
  });

  it('takes the same signal twice as one change', () => {
    const s = sig('firing', 0, 'orange');
    const first = applySignal(undefined, s, policy);
    const again = applySignal(first.alert, s, policy);
    expect(again).toEqual({ alert: first.alert, changes: [], notify: false });
    expect(again.alert!.history).toHaveLength(1);
  });

  it('ignores a signal older than the newest one taken', () => {
    const { current } = run([sig('firing', 0, 'yellow'), sig('firing', 20, 'red')]);
    const late = applySignal(current, sig('firing', 10, 'orange'), policy);
    expect(late.changes).toEqual([]);
    expect(late.alert).toBe(current);
  });

  it('keeps yellow → orange → red → orange → resolved as one alert with its history', () => {
    const { current, episodes, notify } = run([
      sig('firing', 0, 'yellow'),
      sig('firing', 10, 'orange'),
      sig('firing', 20, 'red'),
      sig('firing', 30, 'orange'),
      sig('resolved', 40),
    ]);
    expect(episodes.size).toBe(1);
    expect(current).toMatchObject({
      id: `${FP}#1`,
      state: 'resolved',
      severity: 'orange',
      peakSeverity: 'red',
      resolvedAt: at(40),
      resolvedBy: 'signal',
    });
    expect(current.history.map((c) => [c.kind, c.previousSeverity, c.severity])).toEqual([
      ['opened', undefined, 'yellow'],
      ['severity-raised', 'yellow', 'orange'],
      ['severity-raised', 'orange', 'red'],
      ['severity-lowered', 'red', 'orange'],
      ['resolved', 'orange', undefined],
    ]);
    expect(notify).toEqual([true, true, true, true, true]);
  });

  it('returns an acknowledged alert to firing when the severity rises', () => {
    const opened = run([sig('firing', 0, 'yellow')]).current;
    const acked = acknowledge(opened, { by: 'vagt-jens', at: at(5) }).alert;
    const r = applySignal(acked, sig('firing', 10, 'orange'), policy);
    expect(r.alert).toMatchObject({ state: 'firing', severity: 'orange' });
    expect(r.alert!.acknowledgedAt).toBeUndefined();
    expect(r.alert!.acknowledgedBy).toBeUndefined();
    expect(r.changes[0]).toMatchObject({
      kind: 'severity-raised',
      reason: expect.stringContaining('vagt-jens'),
    });
    expect(r.notify).toBe(true);
  });

  it('leaves an acknowledged alert acknowledged when the severity falls', () => {
    const opened = run([sig('firing', 0, 'red')]).current;
    const acked = acknowledge(opened, { by: 'vagt-jens', at: at(5) }).alert;
    const r = applySignal(acked, sig('firing', 10, 'yellow'), policy);
    expect(r.alert).toMatchObject({
      state: 'acknowledged',
      severity: 'yellow',
      peakSeverity: 'red',
      acknowledgedBy: 'vagt-jens',
    });
    expect(r.changes.map((c) => c.kind)).toEqual(['severity-lowered']);
  });

  it('does not let an operator time later than the signal time make the signal look old', () => {
    const opened = run([sig('firing', 0, 'yellow')]).current;
    const acked = acknowledge(opened, { by: 'vagt-jens', at: at(30) }).alert;
    const r = applySignal(acked, sig('firing', 20, 'red'), policy);
    expect(r.alert).toMatchObject({ state: 'firing', severity: 'red', updatedAt: at(30) });
  });

  it('reopens the same alert within the reopen window, counting the flap', () => {
    const { current, episodes, notify } = run([
      sig('firing', 0, 'orange'),
      sig('resolved', 10),
      sig('firing', 70, 'yellow'),
    ]);
    expect(episodes.size).toBe(1);
    expect(current).toMatchObject({
      id: `${FP}#1`,
      state: 'firing',
      severity: 'yellow',
      peakSeverity: 'orange',
      flapCount: 1,
    });
    expect(current.resolvedAt).toBeUndefined();
    expect(current.resolvedBy).toBeUndefined();
    expect(current.history.at(-1)).toMatchObject({
      kind: 'reopened',
      severity: 'yellow',
      previousSeverity: 'orange',
    });
    expect(notify).toEqual([true, true, true]);
  });

  it('opens a new episode after the reopen window, leaving the resolved one as it was', () => {
    const { current, episodes } = run([
      sig('firing', 0, 'orange'),
      sig('resolved', 10),
      sig('firing', 71, 'yellow'),
    ]);
    expect([...episodes.keys()]).toEqual([`${FP}#1`, `${FP}#2`]);
    expect(episodes.get(`${FP}#1`)).toMatchObject({ state: 'resolved', resolvedAt: at(10) });
    expect(current).toMatchObject({
      id: `${FP}#2`,
      episode: 2,
      state: 'firing',
      severity: 'yellow',
      flapCount: 0,
      openedAt: at(71),
    });
    expect(current.history).toHaveLength(1);
    expect(current.history[0]).toMatchObject({ kind: 'opened', reason: expect.stringContaining(`${FP}#1`) });
  });

  it('suppresses notifications of reopen/resolve churn once flapping, but records it', () => {
    const signals = [sig('firing', 0, 'yellow')];
    for (let i = 1; i <= 4; i++) signals.push(sig('resolved', i * 10 - 5), sig('firing', i * 10, 'yellow'));
    signals.push(sig('firing', 45, 'red'));
    const { current, episodes, notify } = run(signals);
    expect(episodes.size).toBe(1);
    expect(current.flapCount).toBe(4);
    // opened, then resolve/reopen pairs: flaps 1 and 2 notify, the 3rd reopen reaches the threshold.
    expect(notify).toEqual([true, true, true, true, true, true, false, false, false, true]);
    expect(current.history.filter((c) => c.kind === 'reopened')).toHaveLength(4);
    expect(current.history.filter((c) => c.reason?.startsWith('flapping'))).toHaveLength(3);
  });

  it('records degraded coverage without changing the state, and notifies nobody', () => {
    const { current } = run([sig('firing', 0, 'orange')]);
    const r = applySignal(current, sig('degraded', 10, 'orange'), policy);
    expect(r.notify).toBe(false);
    expect(r.alert).toMatchObject({ state: 'firing', severity: 'orange', updatedAt: at(10) });
    expect(r.changes).toEqual([
      expect.objectContaining({ kind: 'degraded', severity: 'orange', by: 'evaluator' }),
    ]);
  });

  it('makes no alert from resolved or degraded signals alone', () => {
    expect(applySignal(undefined, sig('resolved', 0), policy)).toEqual({
      alert: undefined,
      changes: [],
      notify: false,
    });
    expect(applySignal(undefined, sig('degraded', 0), policy)).toEqual({
      alert: undefined,
      changes: [],
      notify: false,
    });
  });

  it('does not resolve a resolved alert again', () => {
    const { current } = run([sig('firing', 0, 'yellow'), sig('resolved', 10)]);
    expect(applySignal(current, sig('resolved', 20), policy).changes).toEqual([]);
  });

  it('records a silence once, notifies nobody while it holds, and records its end', () => {
    const silence: Silence = {
      id: 's-1',
      matchers: { zoneId: 'assens-havn' },
      startsAt: at(0),
      endsAt: at(30),
      author: 'planner-anne',
      reason: 'dike works',
    };
    const { current, notify } = run(
      [sig('firing', 0, 'yellow'), sig('firing', 10, 'orange'), sig('firing', 40, 'red')],
      [silence],
    );
    expect(notify).toEqual([false, false, true]);
    expect(current.silencedBy).toBeUndefined();
    expect(current.history.map((c) => c.kind)).toEqual([
      'opened',
      'silenced',
      'severity-raised',
      'severity-raised',
      'unsilenced',
    ]);
    expect(current.history[1]).toMatchObject({ by: 'planner-anne', reason: 'silence s-1: dike works' });
  });

  it('refuses a signal of another fingerprint', () => {
    const { current } = run([sig('firing', 0, 'yellow')]);
    const other = { ...sig('firing', 10, 'red'), fingerprint: 'x:wind:y' };
    expect(() => applySignal(current, other, policy)).toThrow(
      expect.objectContaining({ code: 'fingerprint-mismatch' }),
    );
  });

  it('is deterministic and never mutates its input', () => {
    const signals = [
      sig('firing', 0, 'yellow'),
      sig('firing', 10, 'red'),
      sig('resolved', 20),
      sig('firing', 30, 'orange'),
      sig('degraded', 40, 'orange'),
    ];
    const a = run(signals);
    const frozen = JSON.stringify(a.current);
    const again = applySignal(a.current, sig('resolved', 50), policy);
    expect(JSON.stringify(a.current)).toBe(frozen);
    expect(again.alert).not.toBe(a.current);
    expect(run(signals)).toEqual(a);
  });
});
