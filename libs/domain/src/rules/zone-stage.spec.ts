import type { Severity } from '../zones/hazard';
import type { ZoneRule } from './rule-spec';
import type { StationVerdict } from './verdict';
import {
  DEFAULT_MAX_SILENCE_MS,
  maxSilenceMsOf,
  stepZoneRule,
  type ZoneRuleState,
  type ZoneStep,
} from './zone-stage';

const MIN = 60_000;
const T0 = Date.UTC(2023, 10, 1, 10, 0, 0);
const at = (minute: number) => new Date(T0 + minute * MIN).toISOString();

function rule(k?: number): ZoneRule {
  return {
    id: 'kaerum-level',
    hazard: 'stream-flooding',
    spec: { kind: 'threshold', parameter: 'water_level', levelSetId: 'kaerum', minDurationMs: 0 },
    quorum: k === undefined ? undefined : { k },
    enabled: true,
  };
}

function verdict(
  stationId: string,
  severity: Severity | null,
  minute: number,
  status: 'ok' | 'suspect' = 'ok',
): StationVerdict {
  const v: StationVerdict = {
    zoneId: 'kaerum-aa',
    ruleId: 'kaerum-level',
    hazard: 'stream-flooding',
    stationId,
    severity,
    status,
    measured: 1,
    at: at(minute),
  };
  if (severity)
    v.decidedBy = { stationId, parameter: 'water_level', observedAt: at(minute), value: 1, measure: 'value' };
  return v;
}

/** Feeds verdicts in order (each with its own time as watermark), then an optional tick. */
function feed(
  r: ZoneRule,
  verdicts: StationVerdict[],
  tickMinute?: number,
  extra: Partial<Parameters<typeof stepZoneRule>[0]> = {},
): ZoneStep {
  let state: ZoneRuleState | undefined;
  let last: ZoneStep | undefined;
  for (const v of verdicts) {
    last = stepZoneRule({ zoneId: 'kaerum-aa', rule: r, state, verdict: v, watermark: v.at, ...extra });
    state = JSON.parse(JSON.stringify(last.state));
  }
  if (tickMinute !== undefined)
    last = stepZoneRule({ zoneId: 'kaerum-aa', rule: r, state, watermark: at(tickMinute), ...extra });
  return last!;
}

describe('zone stage: k-of-n', () => {
  it('k = 1 (default): the highest severity any voting station reaches', () => {
    const z = feed(rule(), [verdict('A', 'yellow', 0), verdict('B', 'red', 1), verdict('C', null, 2)]);
    expect(z.outcome.state).toBe('red');
    expect(z.outcome.decidedBy?.stationId).toBe('B');
  });

  it('k = 2 of 4 with a silent and a suspect sensor: they do not vote, the 2nd highest voter decides', () => {
    // C (red) last spoke 200 min ago: silent after 3 h; D (red) is suspect; A red and B yellow vote.
    const z = feed(rule(2), [
      verdict('C', 'red', 0),
      verdict('A', 'red', 195),
      verdict('B', 'yellow', 198),
      verdict('D', 'red', 200, 'suspect'),
    ]);
    expect(z.outcome.votes).toEqual([
      { stationId: 'A', severity: 'red', status: 'ok' },
      { stationId: 'B', severity: 'yellow', status: 'ok' },
      { stationId: 'C', severity: 'red', status: 'silent' },
      { stationId: 'D', severity: 'red', status: 'suspect' },
    ]);
    expect(z.outcome.state).toBe('yellow');
    expect(z.outcome.decidedBy?.stationId).toBe('B');
    expect(z.outcome.at).toBe(at(200));
  });

  it('k = 2 with only one voter left is unknown, even when that one says red', () => {
    const z = feed(rule(2), [verdict('A', 'red', 0), verdict('B', 'red', 1, 'suspect')]);
    expect(z.outcome.state).toBe('unknown');
    expect(z.outcome.decidedBy).toBeUndefined();
  });

  it('k = 2 where two voters agree on nothing above clear: clear (null), not unknown', () => {
    const z = feed(rule(2), [verdict('A', 'red', 0), verdict('B', null, 1)]);
    expect(z.outcome.state).toBeNull();
  });
});

describe('zone stage: silence and coverage', () => {
  it('all sensors silent → unknown, never clear (3 h default after the last verdict)', () => {
    const voters = [verdict('A', null, 0), verdict('B', null, 10)];
    expect(feed(rule(), voters, 190).outcome.state).toBeNull(); // B spoke exactly 3 h before: not older, still votes
    const silent = feed(rule(), voters, 191);
    expect(silent.outcome.state).toBe('unknown');
    expect(silent.changed).toBe(true);
    expect(silent.outcome.votes.map((v) => v.status)).toEqual(['silent', 'silent']);
  });

  it('a firing zone whose sensors go silent becomes unknown, not clear', () => {
    expect(feed(rule(), [verdict('A', 'orange', 0)], 181).outcome.state).toBe('unknown');
  });

  it("uses the zone's stale rule instead of the 3 h default", () => {
    const stale: ZoneRule = {
      id: 'stale',
      hazard: 'stream-flooding',
      spec: { kind: 'stale', maxSilenceMs: 30 * MIN },
      enabled: true,
    };
    expect(maxSilenceMsOf([rule(), stale])).toBe(30 * MIN);
    expect(maxSilenceMsOf([rule()])).toBe(DEFAULT_MAX_SILENCE_MS);
    expect(maxSilenceMsOf([rule(), { ...stale, enabled: false }])).toBe(DEFAULT_MAX_SILENCE_MS);
    expect(feed(rule(), [verdict('A', 'yellow', 0)], 31, { maxSilenceMs: 30 * MIN }).outcome.state).toBe(
      'unknown',
    );
  });

  it('a station that never reported counts as silent when expected, so k-of-n sees it missing', () => {
    const z = feed(rule(2), [verdict('A', 'red', 0)], undefined, { expectedStationIds: ['A', 'B'] });
    expect(z.outcome.votes).toEqual([
      { stationId: 'A', severity: 'red', status: 'ok' },
      { stationId: 'B', severity: null, status: 'silent' },
    ]);
    expect(z.outcome.state).toBe('unknown');
  });

  it('a silent station votes again when it reports', () => {
    const z = feed(rule(), [
      verdict('A', 'yellow', 0),
      verdict('B', 'orange', 200),
      verdict('A', 'red', 201),
    ]);
    expect(z.outcome.state).toBe('red');
  });
});

describe('zone stage: order and determinism', () => {
  it('ignores an older verdict for a station and one for another rule or zone', () => {
    const z = feed(rule(), [
      verdict('A', 'orange', 10),
      verdict('A', null, 5),
      { ...verdict('A', null, 20), ruleId: 'other' },
      { ...verdict('A', null, 20), zoneId: 'other' },
    ]);
    expect(z.outcome.state).toBe('orange');
    expect(z.changed).toBe(false);
  });

  it('never moves the watermark back: a late tick keeps silence as it was', () => {
    const silent = feed(rule(), [verdict('A', 'yellow', 0)], 200);
    const late = stepZoneRule({ zoneId: 'kaerum-aa', rule: rule(), state: silent.state, watermark: at(10) });
    expect(late.outcome).toEqual(silent.outcome);
    expect(late.state.watermark).toBe(at(200));
  });

  it('gives the same outcome whatever order the stations first reported in', () => {
    const a = feed(rule(2), [verdict('A', 'red', 0), verdict('B', 'orange', 0), verdict('C', 'yellow', 0)]);
    const b = feed(rule(2), [verdict('C', 'yellow', 0), verdict('A', 'red', 0), verdict('B', 'orange', 0)]);
    expect(JSON.stringify(b.outcome)).toBe(JSON.stringify(a.outcome));
    expect(JSON.stringify(b.state)).toBe(JSON.stringify(a.state));
    expect(a.outcome.state).toBe('orange');
  });
});

describe('zone stage: the episode peak', () => {
  const measured = (minute: number, value: number, severity: Severity | null): StationVerdict => ({ ...verdict('A', severity, minute), measured: value });

  it('carries the highest value since the zone left clear, hands it on with the clear outcome, then starts afresh', () => {
    const r = rule();
    let state: ZoneRuleState | undefined;
    const step = (v: StationVerdict) => {
      const s = stepZoneRule({ zoneId: 'kaerum-aa', rule: r, state, verdict: v, watermark: v.at });
      state = s.state;
      return s.outcome;
    };
    expect(step(measured(0, 0.5, null)).peak).toBeUndefined();
    expect(step(measured(10, 1.1, 'yellow')).peak).toMatchObject({ value: 1.1, observedAt: at(10) });
    step(measured(20, 2.02, 'red'));
    expect(step(measured(30, 1.4, 'orange')).peak).toMatchObject({ value: 2.02, observedAt: at(20), stationId: 'A', parameter: 'water_level', measure: 'value' });
    const cleared = step(measured(40, 0.8, null));
    expect(cleared.state).toBeNull();
    expect(cleared.peak).toMatchObject({ value: 2.02 });
    expect(step(measured(50, 1.2, 'yellow')).peak).toMatchObject({ value: 1.2, observedAt: at(50) });
  });
});
