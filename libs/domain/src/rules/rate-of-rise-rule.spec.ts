import type { Observation } from '../observations/observation';
import type { ZoneRule } from './rule-spec';
import { stepStationRule, type StationRuleState } from './station-stage';
import type { StationVerdict } from './verdict';

const T0 = Date.UTC(2023, 9, 20, 12, 0, 0);
const MIN = 60_000;
const at = (minute: number) => new Date(T0 + minute * MIN).toISOString();

function obs(minute: number, value: number): Observation {
  return {
    stationId: '9020201',
    parameter: 'sea_level',
    observedAt: at(minute),
    value,
    unit: 'm',
    source: 'dmi-oceanobs',
    quality: 'ok',
    createdAt: at(minute),
    receivedAt: at(minute),
  };
}

/** A surge rising 0.30 m within an hour is dangerous however high it stands. */
const RATE: ZoneRule = {
  id: 'assens-fast-rise',
  hazard: 'coastal-flooding',
  spec: {
    kind: 'rate-of-rise',
    parameter: 'sea_level',
    risePerHour: 0.3,
    windowMs: 60 * MIN,
    severity: 'orange',
  },
  enabled: true,
};

function run(series: Observation[]): StationVerdict[] {
  let state: StationRuleState | undefined;
  return series.map((o) => {
    const r = stepStationRule({ zoneId: 'assens-havn', rule: RATE, levelSets: [], state, observation: o });
    state = JSON.parse(JSON.stringify(r.state)) as StationRuleState;
    return r.verdict!;
  });
}

/** Values every 10 minutes from minute `from`. */
const every10 = (values: number[], from = 0) => values.map((v, i) => obs(from + i * 10, v));

describe('rate of rise', () => {
  it('fires when the level has risen 0.30 m over the hour (1.2 − 0.9 counts despite float noise)', () => {
    const v = run(every10([0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 1.2]));
    expect(v.map((x) => x.severity)).toEqual([null, null, null, null, null, null, 'orange']);
    expect(v[6].measured).toBe(0.3);
    expect(v[6].decidedBy).toMatchObject({ measure: 'rise-per-hour', value: 0.3, observedAt: at(60) });
  });

  it('does not fire at 0.29 m per hour', () => {
    const v = run(every10([0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 1.19]));
    expect(v[6].severity).toBeNull();
    expect(v[6].measured).toBe(0.29);
  });

  it('needs half the window of data: a jump within the first 20 min gives no rate', () => {
    const v = run(every10([0.9, 1.0, 1.1, 1.15]));
    expect(v.map((x) => x.measured)).toEqual([null, null, null, 0.5]);
    expect(v.map((x) => x.severity)).toEqual([null, null, null, 'orange']);
  });

  it('slides the window: the value older than the hour drops out and the rule resolves', () => {
    // +0.3 m in the first hour, then level: at 70 min the window starts at 10 min (0.95 → 1.2 = 0.25/h).
    const v = run(every10([0.9, 0.95, 1.0, 1.05, 1.1, 1.15, 1.2, 1.2]));
    expect(v[6]).toMatchObject({ severity: 'orange', measured: 0.3 });
    expect(v[7].measured).toBe(0.25);
    expect(v[7].severity).toBeNull();
  });

  it('holds the severity across a gap where no rate can be computed, then judges again', () => {
    const series = [...every10([0.9, 0.95, 1.0, 1.05, 1.1, 1.15, 1.2]), obs(200, 1.2), obs(230, 1.21)];
    const v = run(series);
    expect(v[7]).toMatchObject({ severity: 'orange', measured: null });
    expect(v[8]).toMatchObject({ severity: null, measured: 0.02 });
  });

  it('a falling level is a negative rise and never fires', () => {
    const v = run(every10([1.5, 1.3, 1.1, 0.9]));
    expect(v[3]).toMatchObject({ severity: null, measured: -1.2 });
  });
});
