// Tests operator actions: acknowledge, manual resolution, comments, and the errors they refuse with.
import { signalId, type IdentifiedAlertSignal } from '../evaluation/zone-stage-evaluator';
import { CAP_SEVERITY } from '../zones/hazard';
import { acknowledge, AlertActionError, comment, resolveManually } from './alert-actions';
import { DEFAULT_ALERT_POLICY, type Alert } from './alert';
import { applySignal } from './alert-lifecycle';

const MIN = 60_000;
const T0 = Date.UTC(2023, 9, 20, 22, 0, 0);
const at = (minute: number) => new Date(T0 + minute * MIN).toISOString();

function opened(): Alert {
  const s = {
    kind: 'firing' as const,
    fingerprint: 'assens-havn:coastal-flooding:assens-sea',
    zoneId: 'assens-havn',
    hazard: 'coastal-flooding' as const,
    ruleId: 'assens-sea',
    severity: 'orange' as const,
    previousSeverity: null,
    capSeverity: CAP_SEVERITY.orange,
    votes: [],
    at: at(0),
  };
  const signal: IdentifiedAlertSignal = { ...s, signalId: signalId(s) };
  return applySignal(undefined, signal, DEFAULT_ALERT_POLICY).alert!;
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AlertActionError);
    return (e as AlertActionError).code;
  }
  return undefined;
}

describe('operator actions', () => {
  it('acknowledges a firing alert with who, when and why', () => {
    const alert = opened();
    const r = acknowledge(alert, { by: 'vagt-jens', at: at(4), reason: 'on my way to the harbour' });
    expect(r.alert).toMatchObject({
      state: 'acknowledged',
      acknowledgedAt: at(4),
      acknowledgedBy: 'vagt-jens',
      updatedAt: at(4),
    });
    expect(r.changes).toEqual([
      {
        at: at(4),
        kind: 'acknowledged',
        by: 'vagt-jens',
        severity: 'orange',
        reason: 'on my way to the harbour',
      },
    ]);
    expect(alert.state).toBe('firing');
  });

  it('refuses to acknowledge twice or after resolution', () => {
    const acked = acknowledge(opened(), { by: 'vagt-jens', at: at(4) }).alert;
    expect(codeOf(() => acknowledge(acked, { by: 'vagt-mette', at: at(5) }))).toBe('not-firing');
    const resolved = resolveManually(opened(), {
      by: 'vagt-jens',
      at: at(4),
      reason: 'gauge fouled by seaweed',
    }).alert;
    expect(codeOf(() => acknowledge(resolved, { by: 'vagt-jens', at: at(5) }))).toBe('already-resolved');
  });

  it('resolves by hand from firing or acknowledged, recording the operator and reason', () => {
    const acked = acknowledge(opened(), { by: 'vagt-jens', at: at(4) }).alert;
    const r = resolveManually(acked, { by: 'vagt-jens', at: at(9), reason: 'pumps running, water receding' });
    expect(r.alert).toMatchObject({
      state: 'resolved',
      resolvedAt: at(9),
      resolvedBy: 'vagt-jens',
      acknowledgedBy: 'vagt-jens',
    });
    expect(r.changes).toEqual([
      {
        at: at(9),
        kind: 'resolved',
        by: 'vagt-jens',
        reason: 'pumps running, water receding',
        previousSeverity: 'orange',
      },
    ]);
    expect(codeOf(() => resolveManually(r.alert, { by: 'vagt-jens', at: at(10), reason: 'again' }))).toBe(
      'already-resolved',
    );
  });

  it('requires a reason to resolve by hand', () => {
    expect(codeOf(() => resolveManually(opened(), { by: 'vagt-jens', at: at(1), reason: '  ' }))).toBe(
      'missing-reason',
    );
  });

  it('adds comments in any state, never empty ones', () => {
    const resolved = resolveManually(opened(), { by: 'vagt-jens', at: at(4), reason: 'over' }).alert;
    const r = comment(resolved, {
      by: 'planner-anne',
      at: at(60),
      text: 'Dike at Assens havn held; see initiative K-12.',
    });
    expect(r.alert.history.at(-1)).toEqual({
      at: at(60),
      kind: 'commented',
      by: 'planner-anne',
      reason: 'Dike at Assens havn held; see initiative K-12.',
    });
    expect(r.alert.state).toBe('resolved');
    expect(codeOf(() => comment(resolved, { by: 'planner-anne', at: at(60), text: '' }))).toBe(
      'empty-comment',
    );
  });

  it('refuses reserved or blank actors and times before the alert opened', () => {
    const alert = opened();
    for (const by of ['', ' ', 'evaluator', 'signal']) {
      expect(codeOf(() => acknowledge(alert, { by, at: at(1) }))).toBe('invalid-actor');
    }
    expect(codeOf(() => acknowledge(alert, { by: 'vagt-jens', at: at(-1) }))).toBe('invalid-time');
    expect(codeOf(() => comment(alert, { by: 'vagt-jens', at: 'yesterday', text: 'x' }))).toBe(
      'invalid-time',
    );
  });

  it('never moves updatedAt backwards', () => {
    const alert = { ...opened(), updatedAt: at(30) };
    expect(comment(alert, { by: 'vagt-jens', at: at(10), text: 'late note' }).alert.updatedAt).toBe(at(30));
  });
});
