import type { Observation, QualityFlag } from '../observations/observation';
import type { Severity } from '../zones/hazard';
import type { LevelSet, ZoneRule } from './rule-spec';
import { stepStationRule, type StationRuleState } from './station-stage';
import type { StationVerdict } from './verdict';

const T0 = Date.UTC(2023, 9, 20, 12, 0, 0);
const MIN = 60_000;
const at = (minute: number) => new Date(T0 + minute * MIN).toISOString();

function obs(minute: number, value: number, quality: QualityFlag = 'ok'): Observation {
  return {
    stationId: '9020201',
    parameter: 'sea_level',
    observedAt: at(minute),
    value,
    unit: 'm',
    source: 'dmi-oceanobs',
    quality,
    createdAt: at(minute),
    receivedAt: at(minute),
  };
}

/** Assens harbour: quays at 1.00 m, Nordre Havnevej closed at 1.25 m, critical at 1.51 m (DVR90). */
const ASSENS: LevelSet = {
  id: 'assens-today',
  name: 'Assens Havn',
  version: 1,
  datum: 'DVR90',
  scenario: 'today',
  levels: [
    { severity: 'red', enter: 1.51, leave: 1.45, label: 'critical' },
    { severity: 'yellow', enter: 1.0, leave: 0.95, label: 'water on the quays' },
    { severity: 'orange', enter: 1.25, leave: 1.2, label: 'Nordre Havnevej closed' },
  ],
};

function rule(minDurationMs: number): ZoneRule {
  return {
    id: 'assens-sea',
    hazard: 'coastal-flooding',
    spec: { kind: 'threshold', parameter: 'sea_level', levelSetId: 'assens-today', minDurationMs },
    enabled: true,
  };
}

/** Runs a series through one station rule, persisting state as JSON between steps as the evaluator does. */
function run(
  series: Observation[],
  minDurationMs = 0,
): { severities: (Severity | null)[]; verdicts: StationVerdict[] } {
  let state: StationRuleState | undefined;
  const verdicts: StationVerdict[] = [];
  for (const o of series) {
    const r = stepStationRule({
      zoneId: 'assens-havn',
      rule: rule(minDurationMs),
      levelSets: [ASSENS],
      state,
      observation: o,
    });
    state = JSON.parse(JSON.stringify(r.state)) as StationRuleState;
    verdicts.push(r.verdict!);
  }
  return { severities: verdicts.map((v) => v.severity), verdicts };
}

describe('threshold levels and hysteresis', () => {
  it('raises yellow exactly at enter 1.00 m (enter is inclusive) and not at 0.99 m', () => {
    expect(run([obs(0, 0.99), obs(10, 1.0)]).severities).toEqual([null, 'yellow']);
  });

  it('stays yellow inside the hysteresis band and at leave itself; resolves only below leave 0.95', () => {
    expect(run([obs(0, 1.0), obs(10, 0.97), obs(20, 0.95), obs(30, 0.94)]).severities).toEqual([
      'yellow',
      'yellow',
      'yellow',
      null,
    ]);
  });

  it('does not raise from inside the band when coming from below (0.97 is not a new yellow)', () => {
    expect(run([obs(0, 0.9), obs(10, 0.97), obs(20, 0.99)]).severities).toEqual([null, null, null]);
  });

  it('downgrades through hysteresis too: orange holds at 1.20, drops to yellow at 1.19', () => {
    expect(run([obs(0, 1.25), obs(10, 1.2), obs(20, 1.19)]).severities).toEqual([
      'orange',
      'orange',
      'yellow',
    ]);
  });

  it('from red falls straight to the highest level still held (red → yellow at 1.10)', () => {
    expect(run([obs(0, 1.6), obs(10, 1.1)]).severities).toEqual(['red', 'yellow']);
  });

  it('jumps straight to red with no minimum duration, whatever the level set order', () => {
    expect(run([obs(0, 0.5), obs(10, 1.51)]).severities).toEqual([null, 'red']);
  });

  it('names the observation that changed the severity in decidedBy, and keeps it while the severity holds', () => {
    const { verdicts } = run([obs(0, 1.3), obs(10, 1.28)]);
    const expected = {
      stationId: '9020201',
      parameter: 'sea_level',
      observedAt: at(0),
      value: 1.3,
      measure: 'value',
    };
    expect(verdicts[0].decidedBy).toEqual(expected);
    expect(verdicts[1].decidedBy).toEqual(expected);
    expect(verdicts[1].measured).toBe(1.28);
    expect(verdicts[1].at).toBe(at(10));
  });
});

describe('threshold minimum duration (30 min, in observation time)', () => {
  const THIRTY = 30 * MIN;

  it('duration just short: above enter at 0, 10 and 20 min (20 min held) does not raise', () => {
    expect(run([obs(0, 1.05), obs(10, 1.05), obs(20, 1.05), obs(30, 0.99)], THIRTY).severities).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });

  it('duration just enough: still above at 30 min raises at that value', () => {
    const { severities, verdicts } = run([obs(0, 1.05), obs(10, 1.05), obs(20, 1.05), obs(30, 1.02)], THIRTY);
    expect(severities).toEqual([null, null, null, 'yellow']);
    expect(verdicts[3].decidedBy?.observedAt).toBe(at(30));
  });

  it('a dip below enter (even inside the band) restarts the duration', () => {
    const series = [
      obs(0, 1.05),
      obs(10, 1.05),
      obs(20, 0.97),
      obs(30, 1.05),
      obs(40, 1.05),
      obs(50, 1.05),
      obs(60, 1.05),
    ];
    expect(run(series, THIRTY).severities).toEqual([null, null, null, null, null, null, 'yellow']);
  });

  it('a gap in the data (the 20-min value missing) resets the duration: the hold restarts after it', () => {
    const series = [obs(0, 1.05), obs(10, 1.05), obs(30, 1.05), obs(40, 1.05), obs(50, 1.05), obs(60, 1.05)];
    // Without the gap yellow would rise at 30 min; with it the run restarts at 30 and completes at 60.
    expect(run(series, THIRTY).severities).toEqual([null, null, null, null, null, 'yellow']);
  });

  it('a value a little late (12 min after the last) is not a gap', () => {
    const series = [obs(0, 1.05), obs(12, 1.05), obs(22, 1.05), obs(30, 1.05)];
    expect(run(series, THIRTY).severities).toEqual([null, null, null, 'yellow']);
  });

  it('raises each level after its own duration (yellow first, orange once 1.25 has held 30 min)', () => {
    const series = [obs(0, 1.1), obs(10, 1.1), obs(20, 1.3), obs(30, 1.3), obs(40, 1.3), obs(50, 1.3)];
    expect(run(series, THIRTY).severities).toEqual([null, null, null, 'yellow', 'yellow', 'orange']);
  });

  it('lowering needs no duration: below leave resolves at once', () => {
    const series = [obs(0, 1.05), obs(10, 1.05), obs(20, 1.05), obs(30, 1.05), obs(40, 0.94)];
    expect(run(series, THIRTY).severities).toEqual([null, null, null, 'yellow', null]);
  });

  it('a suspect value in the run counts as missing data, so it breaks the hold', () => {
    const series = [
      obs(0, 1.05),
      obs(10, 1.05, 'suspect-flatline'),
      obs(20, 1.05),
      obs(30, 1.05),
      obs(40, 1.05),
      obs(50, 1.05),
    ];
    // Usable values at 0 and 20 are 20 min apart: a gap; the run restarts at 20 and completes at 50.
    expect(run(series, THIRTY).severities).toEqual([null, null, null, null, null, 'yellow']);
  });
});
