import type { Observation, ParameterId, QualityFlag } from '../observations/observation';
import { RuleConfigError } from './levels';
import type { LevelSet, ZoneRule } from './rule-spec';
import { isStationRule, stepStationRule, type StationRuleState, type StationStep } from './station-stage';

const T0 = Date.UTC(2023, 9, 20, 18, 0, 0);
const MIN = 60_000;
const at = (minute: number) => new Date(T0 + minute * MIN).toISOString();

function obs(
  minute: number,
  value: number,
  opts: { quality?: QualityFlag; parameter?: ParameterId; stationId?: string; createdMinute?: number } = {},
): Observation {
  return {
    stationId: opts.stationId ?? '9020201',
    parameter: opts.parameter ?? 'sea_level',
    observedAt: at(minute),
    value,
    unit: 'm',
    source: 'dmi-oceanobs',
    quality: opts.quality ?? 'ok',
    createdAt: at(opts.createdMinute ?? minute),
    receivedAt: at(opts.createdMinute ?? minute),
  };
}

const ASSENS: LevelSet = {
  id: 'assens-today',
  name: 'Assens Havn',
  version: 1,
  datum: 'DVR90',
  scenario: 'today',
  levels: [
    { severity: 'yellow', enter: 1.0, leave: 0.95, label: 'water on the quays' },
    { severity: 'orange', enter: 1.25, leave: 1.2, label: 'Nordre Havnevej closed' },
    { severity: 'red', enter: 1.51, leave: 1.45, label: 'critical' },
  ],
};
const THRESHOLD: ZoneRule = {
  id: 'assens-sea',
  hazard: 'coastal-flooding',
  spec: { kind: 'threshold', parameter: 'sea_level', levelSetId: 'assens-today', minDurationMs: 30 * MIN },
  enabled: true,
};

const step = (state: StationRuleState | undefined, o: Observation, rule: ZoneRule = THRESHOLD): StationStep =>
  stepStationRule({ zoneId: 'assens-havn', rule, levelSets: [ASSENS], state, observation: o });

function fold(series: Observation[], rule: ZoneRule = THRESHOLD): StationStep[] {
  let state: StationRuleState | undefined;
  return series.map((o) => {
    const r = step(state, o, rule);
    state = r.state;
    return r;
  });
}

describe('station stage: order, duplicates and determinism', () => {
  const rising = [obs(0, 1.3), obs(10, 1.3), obs(20, 1.3), obs(30, 1.3)];

  it('ignores a duplicate (same observedAt, even a revised value): state and verdict unchanged', () => {
    const before = fold(rising).at(-1)!;
    const again = step(before.state, obs(30, 0.2, { createdMinute: 45 }));
    expect(again).toEqual({ state: before.state, verdict: before.verdict, applied: false, changed: false });
    expect(again.verdict?.severity).toBe('orange');
  });

  it('ignores an out-of-order (older) observation, however high or low', () => {
    const resolved = fold([...rising, obs(40, 0.5)]).at(-1)!;
    expect(resolved.verdict?.severity).toBeNull();
    const late = step(resolved.state, obs(35, 1.9));
    expect(late.state).toBe(resolved.state);
    expect(late).toMatchObject({ applied: false, changed: false, verdict: { severity: null, at: at(40) } });
  });

  it('a late value does not count towards a duration either (the run is measured on applied values)', () => {
    const steps = fold([obs(0, 1.05), obs(30, 1.05)]);
    const filled = step(steps[1].state, obs(10, 1.05));
    expect(filled.applied).toBe(false);
    expect(step(filled.state, obs(40, 1.05)).verdict?.severity).toBeNull();
  });

  it('replaying the same input gives byte-identical states and verdicts, also through JSON', () => {
    const series = [...rising, obs(40, 1.22), obs(50, 0.9), obs(60, 1.1, { quality: 'suspect-spike' })];
    const first = fold(series);
    const second = fold(series);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    let state: StationRuleState | undefined;
    const viaJson = series.map((o) => {
      const r = step(state, o);
      state = JSON.parse(JSON.stringify(r.state));
      return r.verdict;
    });
    expect(viaJson).toEqual(first.map((r) => r.verdict));
  });

  it('reports changed only when severity or status moves, applied for every new value', () => {
    const steps = fold([
      obs(0, 0.5),
      obs(10, 0.6),
      obs(20, 1.05),
      obs(30, 1.05),
      obs(40, 1.05),
      obs(50, 1.05),
    ]);
    expect(steps.map((s) => s.changed)).toEqual([true, false, false, false, false, true]);
    expect(steps.every((s) => s.applied)).toBe(true);
  });
});

describe('station stage: what a rule reads', () => {
  it('returns the state unchanged (changed=false) for an observation of another parameter', () => {
    const s = fold([obs(0, 1.3)]).at(-1)!;
    const wind = step(s.state, obs(10, 25, { parameter: 'wind_speed', stationId: '9020201' }));
    expect(wind).toEqual({ state: s.state, verdict: s.verdict, applied: false, changed: false });
    expect(step(undefined, obs(10, 25, { parameter: 'wind_speed' }))).toEqual({
      state: undefined,
      verdict: undefined,
      applied: false,
      changed: false,
    });
  });

  it('leaves compound, forecast and stale rules to other stages', () => {
    const compound: ZoneRule = {
      id: 'c',
      hazard: 'coastal-flooding',
      spec: {
        kind: 'compound',
        seaLevelEnterM: 1,
        seaLevelLeaveM: 0.9,
        windFromDeg: 180,
        windToDeg: 300,
        minWindSpeedMs: 10,
        severity: 'orange',
      },
      enabled: true,
    };
    expect(isStationRule(compound)).toBe(false);
    expect(isStationRule(THRESHOLD)).toBe(true);
    expect(step(undefined, obs(0, 1.5), compound).applied).toBe(false);
  });

  it('throws RuleConfigError when the rule names a level set the zone lacks', () => {
    const broken: ZoneRule = {
      ...THRESHOLD,
      spec: { ...THRESHOLD.spec, levelSetId: 'missing' } as ZoneRule['spec'],
    };
    expect(() => step(undefined, obs(0, 1.3), broken)).toThrow(RuleConfigError);
  });

  it('refuses a state that belongs to another station', () => {
    const s = fold([obs(0, 1.3)]).at(-1)!;
    expect(() => step(s.state, obs(10, 1.3, { stationId: '9020301' }))).toThrow(/9020201/);
  });

  it('starts afresh when the rule was replaced by one of another kind', () => {
    const s = fold([obs(0, 1.6, {})], {
      ...THRESHOLD,
      spec: { ...THRESHOLD.spec, minDurationMs: 0 } as ZoneRule['spec'],
    }).at(-1)!;
    expect(s.verdict?.severity).toBe('red');
    const rate: ZoneRule = {
      ...THRESHOLD,
      spec: {
        kind: 'rate-of-rise',
        parameter: 'sea_level',
        risePerHour: 0.3,
        windowMs: 60 * MIN,
        severity: 'orange',
      },
    };
    const r = step(s.state, obs(10, 1.6), rate);
    expect(r.state?.kind).toBe('rate-of-rise');
    expect(r.verdict?.severity).toBeNull();
  });
});

describe('station stage: suspect values', () => {
  const immediate: ZoneRule = {
    ...THRESHOLD,
    spec: { ...THRESHOLD.spec, minDurationMs: 0 } as ZoneRule['spec'],
  };

  it.each<QualityFlag>(['suspect-spike', 'suspect-flatline', 'provider-flagged'])(
    'a %s value does not raise a level and marks the station suspect',
    (quality) => {
      const [, spike] = fold([obs(0, 0.6), obs(10, 1.9, { quality })], immediate);
      expect(spike.verdict).toMatchObject({ severity: null, status: 'suspect', measured: null, at: at(10) });
      expect(spike.changed).toBe(true);
    },
  );

  it('does not lower a level either, and the next usable value clears the suspicion', () => {
    const steps = fold([obs(0, 1.3), obs(10, 0.2, { quality: 'suspect-spike' }), obs(20, 1.28)], immediate);
    expect(steps.map((s) => [s.verdict?.severity, s.verdict?.status])).toEqual([
      ['orange', 'ok'],
      ['orange', 'suspect'],
      ['orange', 'ok'],
    ]);
  });

  it('a suspect first value gives a suspect verdict with no severity', () => {
    const r = step(undefined, obs(0, 1.9, { quality: 'suspect-spike' }), immediate);
    expect(r.verdict).toMatchObject({
      severity: null,
      status: 'suspect',
      stationId: '9020201',
      ruleId: 'assens-sea',
    });
    expect(r.state?.lastUsableAt).toBeNull();
  });

  it('trace and calm are usable qualities, not suspect', () => {
    const r = step(undefined, obs(0, 1.1, { quality: 'calm' }), immediate);
    expect(r.verdict).toMatchObject({ severity: 'yellow', status: 'ok' });
  });
});
