// Tests silences and maintenance windows: matchers, the time range, precedence and how an alert records them.
import type { Alert } from './alert';
import { matchingSilence, refreshSilence, silenceMatches, type Silence } from './silence';

const MIN = 60_000;
const T0 = Date.UTC(2023, 9, 20, 22, 0, 0);
const at = (minute: number) => new Date(T0 + minute * MIN).toISOString();

const target = { zoneId: 'assens-havn', hazard: 'coastal-flooding' as const, severity: 'orange' as const };

function silence(id: string, matchers: Silence['matchers'], extra: Partial<Silence> = {}): Silence {
  return {
    id,
    matchers,
    startsAt: at(0),
    endsAt: at(60),
    author: 'planner-anne',
    reason: 'pump works',
    ...extra,
  };
}

function alert(extra: Partial<Alert> = {}): Alert {
  return {
    id: 'assens-havn:coastal-flooding:r#1',
    fingerprint: 'assens-havn:coastal-flooding:r',
    ruleId: 'r',
    episode: 1,
    state: 'firing',
    peakSeverity: 'orange',
    openedAt: at(0),
    updatedAt: at(0),
    escalationLevel: 0,
    lastSignalId: 's',
    lastSignalAt: at(0),
    flapCount: 0,
    history: [{ at: at(0), kind: 'opened', by: 'evaluator', severity: 'orange' }],
    ...target,
    ...extra,
  };
}

describe('silenceMatches', () => {
  it('covers every alert without matchers', () => {
    expect(silenceMatches(silence('a', {}), target, at(10))).toBe(true);
  });

  it.each([
    [{ zoneId: 'assens-havn' }, true],
    [{ zoneId: 'faaborg-havn' }, false],
    [{ hazard: 'coastal-flooding' as const }, true],
    [{ hazard: 'cloudburst' as const }, false],
    [{ severityAtMost: 'red' as const }, true],
    [{ severityAtMost: 'orange' as const }, true],
    [{ severityAtMost: 'yellow' as const }, false],
    [{ zoneId: 'assens-havn', hazard: 'cloudburst' as const }, false],
    [{ zoneId: 'assens-havn', hazard: 'coastal-flooding' as const, severityAtMost: 'orange' as const }, true],
  ])('matchers %j → %s', (matchers, expected) => {
    expect(silenceMatches(silence('a', matchers), target, at(10))).toBe(expected);
  });

  it('holds from startsAt inclusive to endsAt exclusive', () => {
    const s = silence('a', {}, { startsAt: at(10), endsAt: at(20) });
    expect([9, 10, 19, 20].map((m) => silenceMatches(s, target, at(m)))).toEqual([false, true, true, false]);
  });
});

describe('matchingSilence', () => {
  it('prefers a maintenance window, then the smallest id, whatever the order given', () => {
    const b = silence('b', {});
    const a = silence('a', {});
    const m = silence('z-maint', { zoneId: 'assens-havn' }, { kind: 'maintenance' });
    expect(matchingSilence(target, [b, a], at(10))?.id).toBe('a');
    expect(matchingSilence(target, [a, b], at(10))?.id).toBe('a');
    expect(matchingSilence(target, [b, m, a], at(10))?.id).toBe('z-maint');
  });

  it('finds nothing when none matches', () => {
    expect(matchingSilence(target, [silence('a', { zoneId: 'elsewhere' })], at(10))).toBeUndefined();
    expect(matchingSilence(target, [], at(10))).toBeUndefined();
  });
});

describe('refreshSilence', () => {
  it('records a maintenance window by its author', () => {
    const m = silence(
      'm-1',
      { hazard: 'coastal-flooding' },
      { kind: 'maintenance', reason: 'gauge service' },
    );
    const r = refreshSilence(alert(), [m], at(5));
    expect(r.alert.silencedBy).toBe('m-1');
    expect(r.changes).toEqual([
      { at: at(5), kind: 'silenced', by: 'planner-anne', reason: 'maintenance window m-1: gauge service' },
    ]);
    expect(r.alert.updatedAt).toBe(at(5));
  });

  it('records nothing while the same silence still holds', () => {
    const s = silence('s-1', {});
    const r = refreshSilence(alert({ silencedBy: 's-1' }), [s], at(5));
    expect(r.changes).toEqual([]);
    expect(r.silence).toBe(s);
  });

  it('records unsilenced when the silence has ended, and a takeover as silenced', () => {
    const ended = refreshSilence(alert({ silencedBy: 's-1' }), [silence('s-1', {})], at(60));
    expect(ended.alert.silencedBy).toBeUndefined();
    expect(ended.changes).toEqual([expect.objectContaining({ kind: 'unsilenced', by: 'evaluator' })]);
    const takeover = refreshSilence(
      alert({ silencedBy: 's-1' }),
      [silence('s-2', {}, { startsAt: at(50), endsAt: at(90) })],
      at(60),
    );
    expect(takeover.alert.silencedBy).toBe('s-2');
    expect(takeover.changes.map((c) => c.kind)).toEqual(['silenced']);
  });

  it('stops covering an alert that rises above severityAtMost', () => {
    const s = silence('s-1', { severityAtMost: 'orange' });
    const r = refreshSilence(alert({ silencedBy: 's-1', severity: 'red' }), [s], at(10));
    expect(r.silence).toBeUndefined();
    expect(r.changes.map((c) => c.kind)).toEqual(['unsilenced']);
  });
});
