import type { Observation, QualityFlag } from '../observations/observation';
import type { Severity } from '../zones/hazard';
import type { LevelSet, ZoneRule } from './rule-spec';
import { stepStationRule, type StationRuleState } from './station-stage';
import type { StationVerdict } from './verdict';

const T0 = Date.UTC(2024, 6, 5, 14, 0, 0);
const MIN = 60_000;
const at = (minute: number) => new Date(T0 + minute * MIN).toISOString();

function rain(minute: number, mm: number, quality: QualityFlag = 'ok'): Observation {
  return {
    stationId: '06123',
    parameter: 'precip_past10min',
    observedAt: at(minute),
    value: mm,
    unit: 'mm',
    source: 'dmi-metobs',
    quality,
    createdAt: at(minute),
    receivedAt: at(minute),
  };
}

/** DMI skybrud: more than 15 / 30 / 45 mm in 30 min. Enter is inclusive, so "more than 15" at 0.1 mm is 15.1. */
const SKYBRUD: LevelSet = {
  id: 'skybrud',
  name: 'Skybrud (DMI)',
  version: 1,
  datum: 'none',
  scenario: 'today',
  levels: [
    { severity: 'yellow', enter: 15.1, leave: 10, label: 'skybrud' },
    { severity: 'orange', enter: 30.1, leave: 25, label: 'double skybrud' },
    { severity: 'red', enter: 45.1, leave: 40, label: 'triple skybrud' },
  ],
};
const KRAFTIG_REGN: LevelSet = {
  id: 'kraftig-regn',
  name: 'Kraftig regn (DMI)',
  version: 1,
  datum: 'none',
  scenario: 'today',
  levels: [{ severity: 'yellow', enter: 24.1, leave: 20, label: 'kraftig regn' }],
};

function rule(levelSetId: string, windowMs: number): ZoneRule {
  return {
    id: levelSetId,
    hazard: 'cloudburst',
    spec: { kind: 'accumulation', parameter: 'precip_past10min', windowMs, levelSetId },
    enabled: true,
  };
}
const CLOUDBURST = rule('skybrud', 30 * MIN);

function run(series: Observation[], r: ZoneRule = CLOUDBURST): StationVerdict[] {
  let state: StationRuleState | undefined;
  return series.map((o) => {
    const step = stepStationRule({
      zoneId: 'glamsbjerg',
      rule: r,
      levelSets: [SKYBRUD, KRAFTIG_REGN],
      state,
      observation: o,
    });
    state = JSON.parse(JSON.stringify(step.state)) as StationRuleState;
    return step.verdict!;
  });
}
const severities = (v: StationVerdict[]): (Severity | null)[] => v.map((x) => x.severity);

describe('accumulation (skybrud: 30-minute sums of 10-minute precipitation)', () => {
  it('sums the values in (at − 30 min, at]: 5 + 5 + 5.1 = 15.1 mm is yellow exactly at enter', () => {
    const v = run([rain(0, 5), rain(10, 5), rain(20, 5.1)]);
    expect(v.map((x) => x.measured)).toEqual([5, 10, 15.1]);
    expect(severities(v)).toEqual([null, null, 'yellow']);
    expect(v[2].decidedBy).toMatchObject({
      measure: 'window-sum',
      value: 15.1,
      parameter: 'precip_past10min',
    });
  });

  it('15.0 mm in 30 min is not a skybrud (DMI: more than 15 mm)', () => {
    expect(severities(run([rain(0, 5), rain(10, 5), rain(20, 5)]))).toEqual([null, null, null]);
  });

  it('rounds the sum so float noise cannot miss the level (0.1 + 4.3 + 10.7 is 15.1, not 15.0999…)', () => {
    const v = run([rain(0, 0.1), rain(10, 4.3), rain(20, 10.7)]);
    expect(v[2]).toMatchObject({ measured: 15.1, severity: 'yellow' });
  });

  it('slides the window: the value 30 min old drops out, leave holds the alert, then it resolves', () => {
    const v = run([rain(0, 6), rain(10, 5), rain(20, 5), rain(30, 0), rain(40, 0), rain(50, 0)]);
    expect(v.map((x) => x.measured)).toEqual([6, 11, 16, 10, 5, 0]);
    expect(severities(v)).toEqual([null, null, 'yellow', 'yellow', null, null]);
  });

  it('raises orange at 30.1 mm and red at 45.1 mm', () => {
    const v = run([rain(0, 10), rain(10, 10), rain(20, 10.1), rain(30, 25)]);
    expect(v.map((x) => x.measured)).toEqual([10, 20, 30.1, 45.1]);
    expect(severities(v)).toEqual([null, 'yellow', 'orange', 'red']);
  });

  it('counts a trace as 0 mm but as data: the window stays complete and the alert can resolve', () => {
    const v = run([
      rain(0, 6),
      rain(10, 10),
      rain(20, 0, 'trace'),
      rain(30, 0, 'trace'),
      rain(40, 0, 'trace'),
    ]);
    expect(v.map((x) => x.measured)).toEqual([6, 16, 16, 10, 0]);
    expect(severities(v)).toEqual([null, 'yellow', 'yellow', 'yellow', null]);
    expect(v.every((x) => x.status === 'ok')).toBe(true);
  });

  it('counts a trace as 0 mm even if the raw sentinel (-0.1) came through', () => {
    const v = run([rain(0, 8), rain(10, 8), rain(20, -0.1, 'trace')]);
    expect(v[2].measured).toBe(16);
  });

  it('a missing value leaves the window incomplete: it does not resolve on a partial sum', () => {
    // The 20-min value never arrived: the windows ending at 30 and 40 min miss it, so their 8 and 0 mm
    // (below leave 10) cannot resolve; the one ending at 50 min, (20, 50], is whole again and does.
    const v = run([rain(0, 8), rain(10, 8), rain(30, 0), rain(40, 0), rain(50, 0)]);
    expect(v.map((x) => x.measured)).toEqual([8, 16, 8, 0, 0]);
    expect(severities(v)).toEqual([null, 'yellow', 'yellow', 'yellow', null]);
  });

  it('an incomplete window can still raise: the known sum is a lower bound', () => {
    const v = run([rain(0, 2), rain(20, 16)]);
    expect(severities(v)).toEqual([null, 'yellow']);
  });

  it('ignores suspect or provider-flagged rain for the sum and marks the station suspect', () => {
    const v = run([rain(0, 5), rain(10, 5), rain(20, 40, 'provider-flagged'), rain(30, 1)]);
    expect(v[2]).toMatchObject({ severity: null, status: 'suspect', measured: null });
    expect(v[3]).toMatchObject({ severity: null, status: 'ok', measured: 6 });
  });

  it('kraftig regn: 24.1 mm within 6 h is yellow; the same 24.1 mm spread over 6 h 10 min is not', () => {
    const sixHours = rule('kraftig-regn', 6 * 60 * MIN);
    // 36 ten-minute values at 0..350 min: 35 × 0.67 + 0.65 = 24.1 mm, all inside (350 − 6 h, 350].
    const within = Array.from({ length: 36 }, (_, i) => rain(i * 10, i === 35 ? 0.65 : 0.67));
    expect(run(within, sixHours)[35]).toMatchObject({ measured: 24.1, severity: 'yellow' });
    // A dry 10 minutes in the middle pushes the last value to 360 min: the first one has left the window.
    const spread = [
      rain(0, 0.67),
      rain(10, 0),
      ...Array.from({ length: 35 }, (_, i) => rain(20 + i * 10, i === 34 ? 0.65 : 0.67)),
    ];
    const v = run(spread, sixHours);
    expect(v.at(-1)).toMatchObject({ measured: 23.43, severity: null });
    expect(v.every((x) => x.severity === null)).toBe(true);
  });
});
