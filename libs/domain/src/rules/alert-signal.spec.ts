import { alertFingerprint, deriveAlertSignals, stepAlertSignal, type AlertSignal } from './alert-signal';
import type { ZoneRuleOutcome, ZoneState } from './verdict';

const MIN = 60_000;
const T0 = Date.UTC(2023, 9, 20, 22, 0, 0);
const at = (minute: number) => new Date(T0 + minute * MIN).toISOString();

function outcome(minute: number, state: ZoneState, ruleId = 'assens-sea'): ZoneRuleOutcome {
  const o: ZoneRuleOutcome = {
    zoneId: 'assens-havn',
    ruleId,
    hazard: 'coastal-flooding',
    state,
    votes: [
      {
        stationId: '9020201',
        severity: state === 'unknown' ? null : state,
        status: state === 'unknown' ? 'silent' : 'ok',
      },
    ],
    at: at(minute),
  };
  if (state !== 'unknown') {
    o.decidedBy = {
      stationId: '9020201',
      parameter: 'sea_level',
      observedAt: at(minute),
      value: 1.3,
      measure: 'value',
    };
  }
  return o;
}
const brief = (signals: AlertSignal[]) => signals.map((s) => [s.kind, s.severity, s.previousSeverity, s.at]);

describe('alert signals', () => {
  it('firing(yellow) → firing(orange, previous yellow) → resolved, with a stable fingerprint', () => {
    const signals = deriveAlertSignals([
      outcome(0, null),
      outcome(10, 'yellow'),
      outcome(20, 'orange'),
      outcome(30, null),
    ]);
    expect(brief(signals)).toEqual([
      ['firing', 'yellow', null, at(10)],
      ['firing', 'orange', 'yellow', at(20)],
      ['resolved', null, 'orange', at(30)],
    ]);
    expect(new Set(signals.map((s) => s.fingerprint))).toEqual(
      new Set(['assens-havn:coastal-flooding:assens-sea']),
    );
    expect(signals[1]).toMatchObject({
      zoneId: 'assens-havn',
      hazard: 'coastal-flooding',
      ruleId: 'assens-sea',
      capSeverity: 'Severe',
      decidedBy: { stationId: '9020201', observedAt: at(20), value: 1.3 },
    });
    expect(signals[2].capSeverity).toBe('Severe'); // of the severity that ended
  });

  it('repeating the same severity emits nothing; a downgrade fires with the previous severity', () => {
    const signals = deriveAlertSignals([outcome(0, 'red'), outcome(10, 'red'), outcome(20, 'yellow')]);
    expect(brief(signals)).toEqual([
      ['firing', 'red', null, at(0)],
      ['firing', 'yellow', 'red', at(20)],
    ]);
  });

  it('does not resolve on unknown: yellow → unknown → yellow emits one degraded signal and nothing else', () => {
    const signals = deriveAlertSignals([
      outcome(0, 'yellow'),
      outcome(10, 'unknown'),
      outcome(20, 'unknown'),
      outcome(30, 'yellow'),
    ]);
    expect(brief(signals)).toEqual([
      ['firing', 'yellow', null, at(0)],
      ['degraded', 'yellow', 'yellow', at(10)],
    ]);
    expect(signals[1].votes).toEqual([{ stationId: '9020201', severity: null, status: 'silent' }]);
  });

  it('after unknown, a different severity fires or resolves against the one held before it', () => {
    expect(
      brief(deriveAlertSignals([outcome(0, 'yellow'), outcome(10, 'unknown'), outcome(20, 'orange')])),
    ).toEqual([
      ['firing', 'yellow', null, at(0)],
      ['degraded', 'yellow', 'yellow', at(10)],
      ['firing', 'orange', 'yellow', at(20)],
    ]);
    expect(
      brief(deriveAlertSignals([outcome(0, 'yellow'), outcome(10, 'unknown'), outcome(20, null)])),
    ).toEqual([
      ['firing', 'yellow', null, at(0)],
      ['degraded', 'yellow', 'yellow', at(10)],
      ['resolved', null, 'yellow', at(20)],
    ]);
  });

  it('unknown before any definite state (start-up) sends no degraded; unknown → severity fires; clear → unknown → clear emits only degraded', () => {
    expect(brief(deriveAlertSignals([outcome(0, 'unknown'), outcome(10, 'orange')]))).toEqual([
      ['firing', 'orange', null, at(10)],
    ]);
    expect(brief(deriveAlertSignals([outcome(0, null), outcome(10, 'unknown'), outcome(20, null)]))).toEqual([
      ['degraded', null, null, at(10)],
    ]);
  });

  it('is deterministic: the same outcomes give the same signals', () => {
    const outcomes = [outcome(0, 'yellow'), outcome(10, 'unknown'), outcome(20, 'red'), outcome(30, null)];
    expect(JSON.stringify(deriveAlertSignals(outcomes))).toBe(JSON.stringify(deriveAlertSignals(outcomes)));
  });

  it('takes an outcome stamped earlier than the last (a late gauge decided it), its signal stamped just after the last', () => {
    const { state } = stepAlertSignal(undefined, outcome(20, 'orange'));
    const late = stepAlertSignal(state, outcome(10, 'red'));
    expect(brief(late.signals)).toEqual([['firing', 'red', 'orange', new Date(Date.parse(at(20)) + 1).toISOString()]]);
    // Two signals of a fingerprint never share a time, so a re-delivered older one is always older.
    expect(Date.parse(late.signals[0].at)).toBeGreaterThan(Date.parse(at(20)));
  });

  it('keeps rules of a zone apart by fingerprint', () => {
    const signals = deriveAlertSignals([
      outcome(0, 'yellow', 'a'),
      outcome(0, 'red', 'b'),
      outcome(10, null, 'a'),
    ]);
    expect(signals.map((s) => [s.fingerprint, s.kind])).toEqual([
      ['assens-havn:coastal-flooding:a', 'firing'],
      ['assens-havn:coastal-flooding:b', 'firing'],
      ['assens-havn:coastal-flooding:a', 'resolved'],
    ]);
    expect(alertFingerprint(outcome(0, null, 'b'))).toBe('assens-havn:coastal-flooding:b');
  });
});
