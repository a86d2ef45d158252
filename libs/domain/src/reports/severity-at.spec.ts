// Tests reading an alert's severity back in time, on histories the real lifecycle wrote.
import { acknowledge, comment } from '../alerts/alert-actions';
import { DEFAULT_ALERT_POLICY, type Alert } from '../alerts/alert';
import { applySignal } from '../alerts/alert-lifecycle';
import { signalId, type IdentifiedAlertSignal } from '../evaluation/zone-stage-evaluator';
import type { AlertSignalKind } from '../rules/alert-signal';
import { CAP_SEVERITY, type Severity } from '../zones/hazard';
import { severityAt } from './severity-at';

const MIN = 60_000;
const T0 = Date.UTC(2023, 9, 20, 22, 0, 0);
const at = (minute: number) => new Date(T0 + minute * MIN).toISOString();
const FP = 'assens-havn:coastal-flooding:assens-sea';

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

function run(signals: IdentifiedAlertSignal[], start?: Alert): Alert {
  let alert = start;
  for (const s of signals) alert = applySignal(alert, s, DEFAULT_ALERT_POLICY).alert;
  return alert!;
}

describe('severityAt', () => {
  // yellow at 0, orange at 10, red at 20, orange at 30, resolved at 40.
  const alert = run([
    sig('firing', 0, 'yellow'),
    sig('firing', 10, 'orange'),
    sig('firing', 20, 'red'),
    sig('firing', 30, 'orange'),
    sig('resolved', 40),
  ]);

  it('follows yellow → orange → red → orange → resolved, a change at exactly the time applying', () => {
    expect(alert.history.map((c) => c.kind)).toEqual([
      'opened',
      'severity-raised',
      'severity-raised',
      'severity-lowered',
      'resolved',
    ]);
    const expected: [number, Severity | null][] = [
      [-1, null],
      [0, 'yellow'],
      [5, 'yellow'],
      [10, 'orange'],
      [15, 'orange'],
      [20, 'red'],
      [29, 'red'],
      [30, 'orange'],
      [39, 'orange'],
      [40, null],
      [500, null],
    ];
    for (const [minute, severity] of expected)
      expect([minute, severityAt(alert, at(minute))]).toEqual([minute, severity]);
  });

  it('is null a millisecond before the alert opened', () => {
    expect(severityAt(alert, new Date(T0 - 1).toISOString())).toBeNull();
  });

  it('keeps the severity through acknowledged, degraded and commented, which record but do not change it', () => {
    let open = run([sig('firing', 0, 'orange')]);
    open = acknowledge(open, { by: 'vagt@assens.dk', at: at(5) }).alert;
    open = run([sig('degraded', 10, 'orange')], open);
    open = comment(open, { by: 'vagt@assens.dk', at: at(12), text: 'sandsække ved havnen' }).alert;
    expect(open.history.map((c) => c.kind)).toEqual(['opened', 'acknowledged', 'degraded', 'commented']);
    expect([5, 10, 12, 60].map((m) => severityAt(open, at(m)))).toEqual([
      'orange',
      'orange',
      'orange',
      'orange',
    ]);
  });

  it('is null while resolved and takes the severity of a reopening', () => {
    const reopened = run([sig('firing', 0, 'orange'), sig('resolved', 10), sig('firing', 30, 'red')]);
    expect(reopened.history.map((c) => c.kind)).toEqual(['opened', 'resolved', 'reopened']);
    expect([0, 10, 29, 30].map((m) => severityAt(reopened, at(m)))).toEqual(['orange', null, null, 'red']);
  });

  it('refuses a time it cannot read', () => {
    expect(() => severityAt(alert, 'yesterday')).toThrow(RangeError);
  });
});
