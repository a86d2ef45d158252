import { evaluateForecastRule, type SeaLevelForecastSeries } from './forecast-rule';
import { RuleConfigError } from './levels';
import type { LevelSet, ZoneRule } from './rule-spec';

const HOUR = 3_600_000;
const T0 = Date.UTC(2023, 9, 20, 12, 0, 0);
const at = (hours: number) => new Date(T0 + hours * HOUR).toISOString();
const RUN = '2023-10-20T06:00:00.000Z';

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
const RULE: ZoneRule = {
  id: 'assens-surge-forecast',
  hazard: 'coastal-flooding',
  spec: { kind: 'forecast', levelSetId: 'assens-today', horizonMs: 24 * HOUR },
  enabled: true,
};

function forecast(
  points: [hours: number, levelM: number][],
  runTime: string | null = RUN,
): SeaLevelForecastSeries {
  return { stationId: '9020201', runTime, points: points.map(([h, levelM]) => ({ at: at(h), levelM })) };
}
const judge = (f: SeaLevelForecastSeries, biasM?: number) =>
  evaluateForecastRule({
    zoneId: 'assens-havn',
    rule: RULE,
    levelSets: [ASSENS],
    forecast: f,
    at: at(0),
    biasM,
  });

describe('forecast rule', () => {
  it("judges DMI's 20 Oct 2023 forecast (1.83 m for 21 Oct 03:00) red, decided by the peak, with the model run", () => {
    const v = judge(
      forecast([
        [0, 0.9],
        [6, 1.3],
        [15, 1.83],
        [18, 1.6],
      ]),
    );
    expect(v).toMatchObject({
      severity: 'red',
      status: 'ok',
      measured: 1.83,
      runTime: RUN,
      at: at(0),
      stationId: '9020201',
    });
    expect(v.decidedBy).toEqual({
      stationId: '9020201',
      parameter: 'sea_level',
      observedAt: at(15),
      value: 1.83,
      measure: 'forecast-peak',
      forecastRunTime: RUN,
    });
  });

  it('takes the highest level whose enter the peak reaches, inclusive: 1.25 m is orange, 1.24 m yellow', () => {
    expect(judge(forecast([[3, 1.25]])).severity).toBe('orange');
    expect(judge(forecast([[3, 1.24]])).severity).toBe('yellow');
    expect(judge(forecast([[3, 0.99]])).severity).toBeNull();
  });

  it('counts a point exactly at the horizon end (at + 24 h) but not one a second later', () => {
    expect(
      judge(
        forecast([
          [1, 0.5],
          [24, 1.6],
        ]),
      ).severity,
    ).toBe('red');
    expect(
      judge(
        forecast([
          [1, 0.5],
          [24 + 1 / 3600, 1.6],
        ]),
      ).severity,
    ).toBeNull();
  });

  it('counts a point exactly at `at` but not the past before it', () => {
    expect(
      judge(
        forecast([
          [0, 1.3],
          [2, 0.5],
        ]),
      ).severity,
    ).toBe('orange');
    expect(
      judge(
        forecast([
          [-1 / 3600, 1.3],
          [2, 0.5],
        ]),
      ).severity,
    ).toBeNull();
  });

  it('picks the earliest of equal peaks', () => {
    expect(
      judge(
        forecast([
          [4, 1.3],
          [8, 1.3],
        ]),
      ).decidedBy?.observedAt,
    ).toBe(at(4));
  });

  it('says nothing (suspect, no severity) when no point falls inside the horizon', () => {
    const v = judge(
      forecast([
        [-3, 1.9],
        [30, 1.9],
      ]),
    );
    expect(v).toMatchObject({ severity: null, status: 'suspect', measured: null });
    expect(v.decidedBy).toBeUndefined();
  });

  it('adds the per-station bias before judging (DKSS zero vs DVR90)', () => {
    expect(judge(forecast([[3, 1.2]]), 0.05)).toMatchObject({ severity: 'orange', measured: 1.25 });
  });

  it('keeps a null model run as null', () => {
    expect(judge(forecast([[3, 1.2]], null)).runTime).toBeNull();
  });

  it('throws RuleConfigError for a missing level set', () => {
    expect(() =>
      evaluateForecastRule({
        zoneId: 'z',
        rule: RULE,
        levelSets: [],
        forecast: forecast([[1, 1]]),
        at: at(0),
      }),
    ).toThrow(RuleConfigError);
  });
});
