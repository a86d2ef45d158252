import type { Observation, ParameterId, QualityFlag } from './observation';
import { QualityScreen, screenObservation, type SeriesTail } from './quality-screen';

const START_MS = Date.UTC(2023, 9, 20, 12, 0, 0);
const MINUTE_MS = 60_000;

function obs(
  minute: number,
  value: number,
  parameter: ParameterId = 'sea_level',
  quality: QualityFlag = 'ok',
): Observation {
  const at = new Date(START_MS + minute * MINUTE_MS).toISOString();
  return {
    stationId: '9020201',
    parameter,
    observedAt: at,
    value,
    unit: 'm',
    source: 'dmi-oceanobs',
    quality,
    createdAt: at,
    receivedAt: at,
  };
}

/** Runs a sequence through one series and returns the emitted qualities. */
function qualities(series: Observation[]): QualityFlag[] {
  const screen = new QualityScreen();
  return series.map((o) => screen.screen(o).quality);
}

describe('spike screening', () => {
  it('flags a sea-level step over 0.5 m in 10 min as suspect-spike and keeps the value', () => {
    const screen = new QualityScreen();
    screen.screen(obs(0, 1.0));
    const spike = screen.screen(obs(10, 1.61));
    expect(spike.quality).toBe('suspect-spike');
    expect(spike.value).toBe(1.61);
  });

  it('does not flag a step of exactly 0.5 m despite binary rounding (2.14 - 1.64 > 0.5 in floats)', () => {
    expect(qualities([obs(0, 1.64), obs(10, 2.14)])).toEqual(['ok', 'ok']);
  });

  it('scales the allowed step with the gap: 0.9 m over 20 min is fine, over 10 min is not', () => {
    expect(qualities([obs(0, 0.5), obs(20, 1.4)])).toEqual(['ok', 'ok']);
    expect(qualities([obs(0, 0.5), obs(10, 1.4)])).toEqual(['ok', 'suspect-spike']);
  });

  it('does not shrink the allowance below one 10-minute window at 1-minute cadence', () => {
    expect(qualities([obs(0, 1.0), obs(1, 1.4)])).toEqual(['ok', 'ok']);
  });

  it('measures the next step from the last good value, so only the bad sample is flagged', () => {
    expect(qualities([obs(0, 1.0), obs(10, 3.0), obs(20, 1.05), obs(30, 1.1)])).toEqual([
      'ok',
      'suspect-spike',
      'ok',
      'ok',
    ]);
  });

  it('flags a downward spike too', () => {
    expect(qualities([obs(0, 1.0), obs(10, -0.5)])).toEqual(['ok', 'suspect-spike']);
  });

  it('uses each parameter its own limit: 8 hPa in 10 min is a spike, 8 degC is not', () => {
    expect(qualities([obs(0, 1000, 'pressure_at_sea'), obs(10, 1008, 'pressure_at_sea')])).toEqual([
      'ok',
      'suspect-spike',
    ]);
    expect(qualities([obs(0, 15, 'temp_dry'), obs(10, 7, 'temp_dry')])).toEqual(['ok', 'ok']);
  });

  it('never screens rain or wind, where jumps are real', () => {
    expect(qualities([obs(0, 0, 'precip_past10min'), obs(10, 60, 'precip_past10min')])).toEqual(['ok', 'ok']);
    expect(qualities([obs(0, 2, 'wind_max'), obs(10, 35, 'wind_max')])).toEqual(['ok', 'ok']);
  });
});

describe('flat-line screening', () => {
  // SCREENING_LIMITS.sea_level.flatlineAfterMs: a day, at 10-minute cadence 144 steps.
  const steps = 24 * 6;

  it('flags the first sea level held longer than a day and every further repeat, keeping the value', () => {
    const series = Array.from({ length: steps + 3 }, (_, i) => obs(i * 10, 0.42));
    const screen = new QualityScreen();
    const out = series.map((o) => screen.screen(o));
    expect(out.slice(0, steps + 1).every((o) => o.quality === 'ok')).toBe(true);
    expect(out.slice(steps + 1).map((o) => o.quality)).toEqual(['suspect-flatline', 'suspect-flatline']);
    expect(out.every((o) => o.value === 0.42)).toBe(true);
  });

  it('measures the hold in event time, so the limit means the same at 1-minute cadence', () => {
    const series = Array.from({ length: 24 * 60 + 2 }, (_, i) => obs(i, 0.42));
    const out = qualities(series);
    expect(out.lastIndexOf('ok')).toBe(24 * 60);
    expect(out[24 * 60 + 1]).toBe('suspect-flatline');
  });

  it('resets the run when the value changes', () => {
    const series = [
      ...Array.from({ length: steps }, (_, i) => obs(i * 10, 0.42)),
      obs(steps * 10, 0.43),
      obs(steps * 10 + 10, 0.43),
    ];
    expect(qualities(series).every((q) => q === 'ok')).toBe(true);
  });

  it('does not let a spike in the middle break a stuck run', () => {
    const series = Array.from({ length: steps + 2 }, (_, i) => obs(i * 10, i === 5 ? 3.5 : 0.42));
    const out = qualities(series);
    expect(out[5]).toBe('suspect-spike');
    expect(out[steps + 1]).toBe('suspect-flatline');
  });

  it('never flags long runs of zero rain or of calm, but does flag a vane stuck while the wind blows', () => {
    const dry = Array.from({ length: 500 }, (_, i) => obs(i * 10, 0, 'precip_past10min'));
    expect(qualities(dry).every((q) => q === 'ok')).toBe(true);
    const calm = Array.from({ length: 500 }, (_, i) => obs(i * 10, 0, 'wind_dir', 'calm'));
    expect(qualities(calm).every((q) => q === 'calm')).toBe(true);
    const stuck = qualities(Array.from({ length: 50 }, (_, i) => obs(i * 10, 270, 'wind_dir')));
    expect(stuck.slice(0, 37).every((q) => q === 'ok')).toBe(true);
    expect(stuck[37]).toBe('suspect-flatline');
  });
});

describe('flags set elsewhere', () => {
  it('leaves trace and calm alone and does not reset them to ok', () => {
    expect(qualities([obs(0, 0, 'precip_past1h', 'trace'), obs(10, 0, 'precip_past1h', 'trace')])).toEqual([
      'trace',
      'trace',
    ]);
    expect(qualities([obs(0, 0, 'wind_dir', 'calm'), obs(10, 0, 'wind_dir', 'calm')])).toEqual([
      'calm',
      'calm',
    ]);
  });

  it('keeps provider-flagged even on a spike', () => {
    const screen = new QualityScreen();
    screen.screen(obs(0, 1.0));
    expect(screen.screen(obs(10, 3.0, 'sea_level', 'provider-flagged')).quality).toBe('provider-flagged');
  });

  it('does not learn a reference from a provider-flagged value', () => {
    const screen = new QualityScreen();
    screen.screen(obs(0, 1.0));
    screen.screen(obs(10, 1.45, 'sea_level', 'provider-flagged'));
    // 0.9 is 0.55 m from the flagged 1.45 ten minutes earlier, but only 0.1 m from the good 1.0.
    expect(screen.screen(obs(20, 0.9)).quality).toBe('ok');
  });
});

describe('ordering and state', () => {
  it('passes an older observation through unflagged without corrupting the tail', () => {
    const screen = new QualityScreen();
    screen.screen(obs(0, 1.0));
    screen.screen(obs(10, 1.1));
    const before = screen.tail('9020201', 'sea_level');
    expect(screen.screen(obs(5, 4.0)).quality).toBe('ok');
    expect(screen.tail('9020201', 'sea_level')).toEqual(before);
    // The late 4.0 must not have become the reference for the next in-order value.
    expect(screen.screen(obs(20, 1.15)).quality).toBe('ok');
  });

  it('gives an exact redelivery the same flag as its first delivery', () => {
    const screen = new QualityScreen();
    screen.screen(obs(0, 1.0));
    expect(screen.screen(obs(10, 2.0)).quality).toBe('suspect-spike');
    expect(screen.screen(obs(10, 2.0)).quality).toBe('suspect-spike');
  });

  it('keeps series of different stations and parameters apart', () => {
    const screen = new QualityScreen();
    screen.screen(obs(0, 1.0));
    expect(screen.screen({ ...obs(10, 2.0), stationId: '9020301' }).quality).toBe('ok');
    expect(screen.screen(obs(10, 2.0, 'water_level')).quality).toBe('ok');
  });

  it('is pure: screenObservation returns a new tail and never mutates its inputs', () => {
    const first = screenObservation(undefined, obs(0, 1.0));
    const tail = first.next as SeriesTail;
    const frozen = Object.freeze({ ...tail });
    const input = Object.freeze(obs(10, 2.0));
    const second = screenObservation(frozen, input);
    expect(second.observation).not.toBe(input);
    expect(input.quality).toBe('ok');
    expect(second.next).not.toBe(frozen);
    expect(second.next?.referenceValue).toBe(1.0);
  });

  it('can be warm-started from a persisted tail', () => {
    const { next } = screenObservation(undefined, obs(0, 1.0));
    const screen = new QualityScreen([['9020201|sea_level', next as SeriesTail]]);
    expect(screen.screen(obs(10, 2.0)).quality).toBe('suspect-spike');
  });
});
