import type { Observation, ParameterId } from '../observations/observation';
import { RuleConfigError } from './levels';
import { backtestRule } from './rule-backtest';
import type { LevelSet, ZoneRule } from './rule-spec';

const MIN = 60_000;
const STORM_START = Date.UTC(2023, 9, 20, 16, 0, 0);
const at = (minute: number) => new Date(STORM_START + minute * MIN).toISOString();

function obs(
  minute: number,
  cm: number,
  stationId = '9020201',
  parameter: ParameterId = 'sea_level',
): Observation {
  return {
    stationId,
    parameter,
    observedAt: at(minute),
    value: cm / 100,
    unit: 'm',
    source: 'dmi-oceanobs',
    quality: 'ok',
    createdAt: at(minute),
    receivedAt: at(minute),
  };
}

/** Assens levels: yellow 1.00/0.95 (quays), orange 1.25/1.20 (Nordre Havnevej), red 1.51/1.45 (critical). */
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
function rule(minDurationMs = 0): ZoneRule {
  return {
    id: 'assens-sea',
    hazard: 'coastal-flooding',
    spec: { kind: 'threshold', parameter: 'sea_level', levelSetId: 'assens-today', minDurationMs },
    enabled: false, // not switched on yet: that is what the backtest is for
  };
}

/**
 * A synthetic 20–21 Oct 2023 surge at Assens: 10-minute values rising 5 cm a step from 60 cm to 200 cm,
 * peaking at 202 cm (index 29, 20 Oct 20:50 UTC), then falling 5 cm a step back to 60 cm.
 */
function storm(offsetMinutes = 0): Observation[] {
  const cm: number[] = [];
  for (let v = 60; v <= 200; v += 5) cm.push(v);
  cm.push(202);
  for (let v = 200; v >= 60; v -= 5) cm.push(v);
  return cm.map((v, i) => obs(offsetMinutes + i * 10, v));
}

const backtest = (observations: Observation[], r: ZoneRule = rule()) =>
  backtestRule({ zoneId: 'assens-havn', rule: r, levelSets: [ASSENS], observations });

describe('backtest on the October 2023 Assens surge', () => {
  it('counts firings up and down, one episode, its peak at 2.02 m and the lead time', () => {
    const report = backtest(storm());
    // yellow at 100 cm (i 8), orange at 125 (i 13), red at 155 (i 19); down: orange at 140 (i 42), yellow at 115 (i 47).
    expect(report.firings).toBe(5);
    expect(report.episodes).toEqual([
      {
        start: at(80),
        end: at(520),
        peakSeverity: 'red',
        peakValue: 2.02,
        peakAt: at(290),
        leadTimeMs: 210 * MIN,
      },
    ]);
    expect(report.totalFiringMs).toBe(440 * MIN);
    expect(report.flaps).toBe(0);
    expect(report.missedEvents).toEqual([]);
  });

  it('a 30-min minimum duration delays the first firing by 30 min and shortens the lead time', () => {
    const report = backtest(storm(), rule(30 * MIN));
    expect(report.episodes[0]).toMatchObject({ start: at(110), peakAt: at(290), leadTimeMs: 180 * MIN });
  });

  it('reports a short bump that the minimum duration kept from firing as a missed event', () => {
    const bump = [
      obs(-300, 90),
      obs(-290, 102),
      obs(-280, 103),
      obs(-270, 101),
      obs(-260, 96),
      obs(-250, 80),
    ];
    const report = backtest([...bump, ...storm()], rule(30 * MIN));
    expect(report.missedEvents).toEqual([{ peakAt: at(-280), peakValue: 1.03, stationId: '9020201' }]);
    expect(report.episodes).toHaveLength(1);
  });

  it('counts a flap: re-firing within 1 h of resolving', () => {
    const wobble = [
      obs(0, 101),
      obs(10, 94),
      obs(20, 96),
      obs(30, 100),
      obs(40, 90),
      obs(150, 90),
      obs(160, 100),
      obs(170, 80),
    ];
    const report = backtest(wobble);
    expect(report.episodes.map((e) => [e.start, e.end])).toEqual([
      [at(0), at(10)],
      [at(30), at(40)],
      [at(160), at(170)],
    ]);
    expect(report.flaps).toBe(1); // 20 min after the first resolve; the third came 2 h after the second
    expect(report.firings).toBe(3);
    expect(report.totalFiringMs).toBe(30 * MIN);
  });

  it('leaves an episode open at the end of the history and counts it to the last observation', () => {
    const report = backtest(storm().slice(0, 30));
    expect(report.episodes[0]).toMatchObject({ start: at(80), end: null, peakValue: 2.02 });
    expect(report.totalFiringMs).toBe((290 - 80) * MIN);
  });

  it('gives the same report for the history in any order, with duplicates and other parameters mixed in', () => {
    const history = storm();
    const shuffled = [...history].reverse();
    shuffled.splice(10, 0, history[20], obs(55, 8, '06123', 'wind_speed'));
    expect(backtest(shuffled)).toEqual(backtest(history));
  });

  it('backtests a compound rule: the surge only counts while the wind at 06123 is onshore', () => {
    const compound: ZoneRule = {
      id: 'assens-surge-onshore',
      hazard: 'coastal-flooding',
      spec: {
        kind: 'compound',
        seaLevelEnterM: 1.25,
        seaLevelLeaveM: 1.2,
        windFromDeg: 200,
        windToDeg: 300,
        minWindSpeedMs: 17.2,
        severity: 'red',
      },
      enabled: false,
    };
    // South-westerly gale until 20:00 (minute 240), then the wind backs to the south-east (offshore).
    const reading = (minute: number, parameter: ParameterId, value: number): Observation => ({
      ...obs(minute, 0, '06123', parameter),
      value,
      unit: parameter === 'wind_dir' ? 'deg' : 'm/s',
      source: 'dmi-metobs',
    });
    const wind = storm().flatMap((_, i) => [
      reading(i * 10, 'wind_speed', 20),
      reading(i * 10, 'wind_dir', i * 10 < 240 ? 250 : 135),
    ]);
    const report = backtest([...storm(), ...wind], compound);
    // 125 cm is reached at minute 130; the wind leaves the sector at 240 while the sea is still at 180 cm.
    expect(report.firings).toBe(1);
    expect(report.episodes).toEqual([
      {
        start: at(130),
        end: at(240),
        peakSeverity: 'red',
        peakValue: 1.8,
        peakAt: at(240),
        leadTimeMs: 110 * MIN,
      },
    ]);
  });

  it('refuses a forecast rule: there are no forecasts in an observation history', () => {
    const forecast: ZoneRule = {
      ...rule(),
      spec: { kind: 'forecast', levelSetId: 'assens-today', horizonMs: 1 },
    };
    expect(() => backtest(storm(), forecast)).toThrow(RuleConfigError);
  });
});
