// Tests escalation timing: per severity, the edges, one level per call, and what stops it.
import { signalId, type IdentifiedAlertSignal } from '../evaluation/zone-stage-evaluator';
import { CAP_SEVERITY, type Severity } from '../zones/hazard';
import { acknowledge, resolveManually } from './alert-actions';
import { DEFAULT_ALERT_POLICY, type Alert } from './alert';
import { applySignal } from './alert-lifecycle';
import { escalate, escalationCheckAfter, escalationClockStart, nextEscalationAt } from './escalation';
import type { Silence } from './silence';

const MIN = 60_000;
const T0 = Date.UTC(2023, 9, 20, 22, 0, 0);
const at = (minute: number) => new Date(T0 + minute * MIN).toISOString();
const atMs = (minute: number, ms: number) => new Date(T0 + minute * MIN + ms).toISOString();
const policy = DEFAULT_ALERT_POLICY;

function firing(minute: number, severity: Severity, alert?: Alert): Alert {
  const s = {
    kind: 'firing' as const,
    fingerprint: 'assens-havn:coastal-flooding:assens-sea',
    zoneId: 'assens-havn',
    hazard: 'coastal-flooding' as const,
    ruleId: 'assens-sea',
    severity,
    previousSeverity: null,
    capSeverity: CAP_SEVERITY[severity],
    votes: [],
    at: at(minute),
  };
  const signal: IdentifiedAlertSignal = { ...s, signalId: signalId(s) };
  return applySignal(alert, signal, policy).alert!;
}

describe('escalate', () => {
  it.each([
    ['red', 10],
    ['orange', 30],
    ['yellow', 120],
  ] as const)(
    'escalates an unacknowledged %s alert exactly at %i min, not a millisecond before',
    (severity, minutes) => {
      const alert = firing(0, severity);
      expect(escalate(alert, policy, atMs(minutes, -1))).toEqual({ alert, changes: [], notify: false });
      const r = escalate(alert, policy, at(minutes));
      expect(r.notify).toBe(true);
      expect(r.alert).toMatchObject({ escalationLevel: 1, updatedAt: at(minutes) });
      expect(r.changes).toEqual([
        {
          at: at(minutes),
          kind: 'escalated',
          by: 'evaluator',
          severity,
          reason: `unacknowledged for ${minutes} min at ${severity}: level 1`,
        },
      ]);
    },
  );

  it('climbs one level per call and restarts the clock at each escalation', () => {
    const first = escalate(firing(0, 'red'), policy, at(25)).alert!;
    expect(first.escalationLevel).toBe(1);
    expect(escalationClockStart(first)).toBe(at(25));
    expect(escalate(first, policy, at(34)).changes).toEqual([]);
    expect(escalate(first, policy, at(35)).alert!.escalationLevel).toBe(2);
  });

  it('restarts the clock on a severity raise and uses the new severity', () => {
    const raised = firing(100, 'red', firing(0, 'yellow'));
    expect(nextEscalationAt(raised, policy)).toBe(at(110));
    expect(escalate(raised, policy, at(109)).changes).toEqual([]);
    expect(escalate(raised, policy, at(110)).alert!.escalationLevel).toBe(1);
  });

  it('does nothing for acknowledged, resolved or silenced alerts', () => {
    const alert = firing(0, 'red');
    const acked = acknowledge(alert, { by: 'vagt-jens', at: at(1) }).alert;
    const resolved = resolveManually(alert, {
      by: 'vagt-jens',
      at: at(1),
      reason: 'false alarm: gauge fouled',
    }).alert;
    const silenced: Alert = { ...alert, silencedBy: 's-1' };
    for (const a of [acked, resolved, silenced]) {
      expect(escalate(a, policy, at(500))).toEqual({ alert: a, changes: [], notify: false });
      expect(nextEscalationAt(a, policy)).toBeUndefined();
    }
  });

  it('resumes once the silence has ended when given the silences, and holds under a new one', () => {
    const silence: Silence = {
      id: 's-1',
      matchers: {},
      startsAt: at(0),
      endsAt: at(30),
      author: 'planner-anne',
      reason: 'test',
    };
    const silenced: Alert = { ...firing(0, 'red'), silencedBy: 's-1' };
    expect(escalate(silenced, policy, at(20), [silence]).changes).toEqual([]);
    const r = escalate(silenced, policy, at(30), [silence]);
    expect(r.changes.map((c) => c.kind)).toEqual(['unsilenced', 'escalated']);
    expect(r.alert!.silencedBy).toBeUndefined();
    expect(r.notify).toBe(true);
    const held = escalate(firing(0, 'red'), policy, at(15), [{ ...silence, id: 's-2', endsAt: at(90) }]);
    expect(held.changes.map((c) => c.kind)).toEqual(['silenced']);
    expect(held.notify).toBe(false);
  });

  it('is deterministic and does not mutate the alert', () => {
    const alert = firing(0, 'orange');
    const before = JSON.stringify(alert);
    expect(escalate(alert, policy, at(31))).toEqual(escalate(alert, policy, at(31)));
    expect(JSON.stringify(alert)).toBe(before);
  });
});

describe('escalationCheckAfter', () => {
  // A red alert whose signal is stamped 22:00 (event time) but processed at 22:25 on the clock.
  const red = firing(0, 'red');
  const check = (restarted: boolean, previous: string | null, silences: Silence[] = []) =>
    escalationCheckAfter({ alert: red, policy, silences, now: at(25), restarted, previous });

  it('runs the period from when paging started on the clock, not from the older event time', () => {
    expect(nextEscalationAt(red, policy)).toBe(at(10));
    expect(check(true, null)).toBe(at(35));
  });

  it('keeps the time stored before when the transition did not restart the clock (a comment), never earlier than due', () => {
    expect(check(false, at(35))).toBe(at(35));
    expect(check(false, null)).toBe(at(10));
  });

  it('looks again when the silence holding the alert ends; never for an acknowledged alert', () => {
    const silence: Silence = { id: 's1', matchers: {}, startsAt: at(-60), endsAt: at(90), author: 'ops', reason: 'pumper' };
    const silenced = { ...red, silencedBy: 's1' };
    expect(escalationCheckAfter({ alert: silenced, policy, silences: [silence], now: at(25), restarted: true, previous: null })).toBe(at(90));
    const acked = acknowledge(red, { by: 'ops', at: at(26) }).alert;
    expect(escalationCheckAfter({ alert: acked, policy, silences: [], now: at(26), restarted: false, previous: at(35) })).toBeUndefined();
  });
});
