import type { Observation, ParameterId, QualityFlag } from '../observations/observation';
import { inWindSector, stepCompoundRule, type CompoundRuleState, type CompoundStep } from './compound-rule';
import type { ZoneRule } from './rule-spec';

const MIN = 60_000;
const T0 = Date.UTC(2023, 9, 20, 20, 0, 0);
const at = (minute: number) => new Date(T0 + minute * MIN).toISOString();

function obs(
  stationId: string,
  parameter: ParameterId,
  minute: number,
  value: number,
  quality: QualityFlag = 'ok',
): Observation {
  const unit = parameter === 'sea_level' ? 'm' : parameter === 'wind_dir' ? 'deg' : 'm/s';
  return {
    stationId,
    parameter,
    observedAt: at(minute),
    value,
    unit,
    source: 'dmi-metobs',
    quality,
    createdAt: at(minute),
    receivedAt: at(minute),
  };
}
const sea = (minute: number, value: number, quality?: QualityFlag) =>
  obs('9020201', 'sea_level', minute, value, quality);
/** Wind at Assens/Torø: speed and direction observed together. */
const wind = (minute: number, speed: number, dir: number, dirQuality: QualityFlag = 'ok') => [
  obs('06123', 'wind_speed', minute, speed),
  obs('06123', 'wind_dir', minute, dir, dirQuality),
];

/** High water at Assens with a strong wind from the south-west to north-west (onshore for the harbour). */
function rule(windFromDeg = 200, windToDeg = 300): ZoneRule {
  return {
    id: 'assens-surge-onshore',
    hazard: 'coastal-flooding',
    spec: {
      kind: 'compound',
      seaLevelEnterM: 1.25,
      seaLevelLeaveM: 1.2,
      windFromDeg,
      windToDeg,
      minWindSpeedMs: 17.2,
      severity: 'red',
    },
    enabled: true,
  };
}

function run(r: ZoneRule, observations: Observation[], maxSilenceMs?: number): CompoundStep[] {
  let state: CompoundRuleState | undefined;
  return observations.map((o) => {
    const s = stepCompoundRule({
      zoneId: 'assens-havn',
      rule: r,
      state,
      observation: o,
      watermark: o.observedAt,
      maxSilenceMs,
    });
    state = JSON.parse(JSON.stringify(s.state));
    return s;
  });
}
const last = (steps: CompoundStep[]) => steps[steps.length - 1].outcome;

describe('wind sectors', () => {
  it('takes a plain sector inclusively at both ends (45° → 135° is east)', () => {
    expect([44, 45, 90, 135, 136].map((d) => inWindSector(d, 45, 135))).toEqual([
      false,
      true,
      true,
      true,
      false,
    ]);
  });

  it('wraps around north (300° → 60°): 330, 360, 0 and 45 are in, 90 and 200 out', () => {
    expect([299, 300, 330, 360, 0, 45, 60, 61, 90, 200].map((d) => inWindSector(d, 300, 60))).toEqual([
      false,
      true,
      true,
      true,
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it('a sector of 360° or more takes every direction', () => {
    expect(inWindSector(123, 0, 360)).toBe(true);
  });
});

describe('compound rule: high water AND onshore wind', () => {
  it('fires with the sea level from the tide gauge and the wind from the weather station', () => {
    const steps = run(rule(), [sea(0, 1.3), ...wind(0, 20, 250)]);
    expect(steps.map((s) => s.outcome.state)).toEqual(['unknown', 'unknown', 'red']);
    expect(last(steps).decidedBy).toEqual({
      stationId: '9020201',
      parameter: 'sea_level',
      observedAt: at(0),
      value: 1.3,
      measure: 'value',
    });
    expect(last(steps).votes).toEqual([
      { stationId: '06123', severity: 'red', status: 'ok' },
      { stationId: '9020201', severity: 'red', status: 'ok' },
    ]);
  });

  it('does not fire with offshore wind, or onshore wind below the minimum speed', () => {
    expect(last(run(rule(), [sea(0, 1.6), ...wind(0, 25, 90)])).state).toBeNull();
    expect(last(run(rule(), [sea(0, 1.6), ...wind(0, 17.1, 250)])).state).toBeNull();
    expect(last(run(rule(), [sea(0, 1.6), ...wind(0, 17.2, 250)])).state).toBe('red');
  });

  it('enters at the sea level enter (inclusive) and holds inside the band, resolving below leave', () => {
    const steps = run(rule(), [
      ...wind(0, 20, 250),
      sea(0, 1.24),
      sea(10, 1.25),
      sea(20, 1.2),
      sea(30, 1.19),
    ]);
    expect(steps.slice(2).map((s) => s.outcome.state)).toEqual([null, 'red', 'red', null]);
  });

  it('a wind sector wrapping north (300° → 60°) takes a northerly, and calm (wind_dir 0, calm) is in no sector', () => {
    const north = rule(300, 60);
    expect(last(run(north, [sea(0, 1.3), ...wind(0, 20, 10)])).state).toBe('red');
    expect(last(run(north, [sea(0, 1.3), ...wind(0, 20, 360)])).state).toBe('red');
    expect(last(run(north, [sea(0, 1.3), ...wind(0, 20, 0, 'calm')])).state).toBeNull();
    // Calm is data, not missing: the rule is clear, not unknown.
    expect(last(run(rule(0, 360), [sea(0, 1.3), ...wind(0, 20, 0, 'calm')])).state).toBeNull();
  });

  it('low water is clear even with the weather station silent; high water without wind data is unknown', () => {
    expect(last(run(rule(), [sea(0, 0.4)])).state).toBeNull();
    const silentWind = run(rule(), [...wind(0, 20, 250), sea(10, 1.3), sea(200, 1.3)]);
    expect(silentWind.map((s) => s.outcome.state)).toEqual(['unknown', 'unknown', 'red', 'unknown']);
    expect(last(silentWind).votes).toContainEqual({ stationId: '06123', severity: null, status: 'silent' });
  });

  it('a suspect sea level takes the gauge out of the vote: unknown with onshore wind', () => {
    const steps = run(rule(), [...wind(0, 20, 250), sea(0, 1.3), sea(10, 2.5, 'suspect-spike')]);
    expect(steps.map((s) => s.outcome.state)).toEqual(['unknown', 'unknown', 'red', 'unknown']);
  });

  it('ignores duplicate and older observations of a series', () => {
    const steps = run(rule(), [sea(10, 1.3), ...wind(10, 20, 250), sea(10, 0.2), sea(5, 0.2)]);
    expect(steps.map((s) => s.outcome.state)).toEqual(['unknown', 'unknown', 'red', 'red', 'red']);
    expect(steps[4].changed).toBe(false);
    expect(JSON.stringify(steps[4].state.series)).toBe(JSON.stringify(steps[2].state.series));
  });

  it('uses the highest current level of several gauges', () => {
    const steps = run(rule(), [...wind(0, 20, 250), sea(0, 0.9), obs('9020301', 'sea_level', 0, 1.4)]);
    expect(last(steps)).toMatchObject({ state: 'red', decidedBy: { stationId: '9020301', value: 1.4 } });
  });

  it('refuses a rule of another kind', () => {
    const threshold: ZoneRule = { ...rule(), spec: { kind: 'stale', maxSilenceMs: 1 } };
    expect(() =>
      stepCompoundRule({ zoneId: 'z', rule: threshold, state: undefined, watermark: at(0) }),
    ).toThrow(/not compound/);
  });
});
