import type { Observation, ParameterId, QualityFlag } from './observation';
import { QualityScreen } from './quality-screen';
import { SCREENING_LIMITS } from './screening-limits';

const START_MS = Date.UTC(2024, 5, 1, 0, 0, 0);
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

function obs(parameter: ParameterId, atMs: number, value: number, quality: QualityFlag = 'ok'): Observation {
  const at = new Date(START_MS + atMs).toISOString();
  return {
    stationId: 's1',
    parameter,
    observedAt: at,
    value,
    unit: 'm',
    source: 'replay',
    quality,
    createdAt: at,
    receivedAt: at,
  };
}

/** The quality of the last of a run of `value` held for `heldMs` at `cadenceMs`. */
function lastOfHold(parameter: ParameterId, value: number, heldMs: number, cadenceMs: number): QualityFlag {
  const screen = new QualityScreen();
  let last: QualityFlag = 'ok';
  for (let t = 0; t <= heldMs; t += cadenceMs) last = screen.screen(obs(parameter, t, value)).quality;
  return last;
}

function step(parameter: ParameterId, from: number, to: number, afterMs = 10 * MINUTE_MS): QualityFlag {
  const screen = new QualityScreen();
  screen.screen(obs(parameter, 0, from));
  return screen.screen(obs(parameter, afterMs, to)).quality;
}

describe('the screening table', () => {
  it('has a row for every parameter', () => {
    expect(Object.keys(SCREENING_LIMITS).sort()).toEqual(
      [
        'precip_past10min',
        'precip_past1h',
        'precip_past1min',
        'precip_past24h',
        'pressure_at_sea',
        'sea_level',
        'temp_dry',
        'water_level',
        'wind_dir',
        'wind_max',
        'wind_speed',
      ].sort(),
    );
  });
});

describe('flat-line limits, just under and just over', () => {
  // parameter, a value it holds, the limit, the cadence it is reported at
  const cases: [ParameterId, number, number, number][] = [
    ['sea_level', 0.01, 24 * HOUR_MS, 10 * MINUTE_MS],
    ['water_level', 12.34, 24 * HOUR_MS, 10 * MINUTE_MS],
    ['precip_past1min', 0.02, 1 * HOUR_MS, MINUTE_MS],
    ['precip_past10min', 0.2, 3 * HOUR_MS, 10 * MINUTE_MS],
    ['precip_past1h', 1.2, 6 * HOUR_MS, HOUR_MS],
    ['precip_past24h', 5.4, 48 * HOUR_MS, HOUR_MS],
    ['wind_speed', 4.2, 6 * HOUR_MS, 10 * MINUTE_MS],
    ['wind_max', 7.5, 6 * HOUR_MS, 10 * MINUTE_MS],
    ['wind_dir', 270, 6 * HOUR_MS, 10 * MINUTE_MS],
    ['temp_dry', 11.3, 6 * HOUR_MS, 10 * MINUTE_MS],
    ['pressure_at_sea', 1013.2, 3 * HOUR_MS, 10 * MINUTE_MS],
  ];

  it.each(cases)(
    '%s holding %p: ok for exactly the limit, suspect one sample later',
    (parameter, value, limitMs, cadenceMs) => {
      expect(SCREENING_LIMITS[parameter].flatlineAfterMs).toBe(limitMs);
      expect(lastOfHold(parameter, value, limitMs, cadenceMs)).toBe('ok');
      expect(lastOfHold(parameter, value, limitMs + cadenceMs, cadenceMs)).toBe('suspect-flatline');
    },
  );

  it('a calm tide holding 1 cm for 6 h is ok', () => {
    expect(lastOfHold('sea_level', 0.01, 6 * HOUR_MS, 10 * MINUTE_MS)).toBe('ok');
  });

  it('a tide gauge on the same centimetre for 2 h at slack water is ok (it was flagged before)', () => {
    expect(lastOfHold('sea_level', 0.31, 2 * HOUR_MS, 10 * MINUTE_MS)).toBe('ok');
  });

  it('rain 0 for 48 h is ok, at every accumulation period', () => {
    expect(lastOfHold('precip_past1min', 0, 48 * HOUR_MS, MINUTE_MS)).toBe('ok');
    expect(lastOfHold('precip_past10min', 0, 48 * HOUR_MS, 10 * MINUTE_MS)).toBe('ok');
    expect(lastOfHold('precip_past1h', 0, 48 * HOUR_MS, HOUR_MS)).toBe('ok');
    expect(lastOfHold('precip_past24h', 0, 96 * HOUR_MS, HOUR_MS)).toBe('ok');
  });

  it('calm (wind 0, direction 0) through a whole night is ok', () => {
    expect(lastOfHold('wind_speed', 0, 12 * HOUR_MS, 10 * MINUTE_MS)).toBe('ok');
    expect(lastOfHold('wind_dir', 0, 12 * HOUR_MS, 10 * MINUTE_MS)).toBe('ok');
  });

  it('a rolling 24-h rain sum may hold its value for a day after the rain', () => {
    expect(lastOfHold('precip_past24h', 5.4, 24 * HOUR_MS, HOUR_MS)).toBe('ok');
  });
});

describe('spike limits, just under and just over', () => {
  // parameter, a start value, the step per 10 minutes, one resolution step over it
  const cases: [ParameterId, number, number, number][] = [
    ['sea_level', 0.3, 0.5, 0.01],
    ['water_level', 12, 1, 0.01],
    ['temp_dry', 15, 10, 0.1],
    ['pressure_at_sea', 1000, 5, 0.1],
  ];

  it.each(cases)(
    '%s from %p: a step of exactly %p in 10 min is ok, one resolution step more is a spike',
    (parameter, from, max, resolution) => {
      expect(SCREENING_LIMITS[parameter].spikeMaxStepPer10Min).toBe(max);
      expect(step(parameter, from, from + max)).toBe('ok');
      expect(step(parameter, from, from - max)).toBe('ok');
      expect(step(parameter, from, from + max + resolution)).toBe('suspect-spike');
      expect(step(parameter, from, from - max - resolution)).toBe('suspect-spike');
    },
  );

  it('pressure: 5.1 hPa over 20 min is ok, the allowance grows with the gap', () => {
    expect(step('pressure_at_sea', 1000, 1005.1, 20 * MINUTE_MS)).toBe('ok');
    expect(step('pressure_at_sea', 1000, 1010.1, 20 * MINUTE_MS)).toBe('suspect-spike');
  });

  it.each([
    'precip_past1min',
    'precip_past10min',
    'precip_past1h',
    'precip_past24h',
    'wind_speed',
    'wind_max',
    'wind_dir',
  ] as ParameterId[])(
    '%s has no spike limit: cloudbursts, gusts and a turning wind are real',
    (parameter) => {
      expect(SCREENING_LIMITS[parameter].spikeMaxStepPer10Min).toBe('none');
      expect(step(parameter, 0, 19)).toBe('ok');
    },
  );
});
