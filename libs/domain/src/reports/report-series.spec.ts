// Tests what the reports share: ordering a series, each sample's duration, rounding, design levels in metres.
import type { DesignLevel } from '../initiatives/initiative';
import { designLevelM, hoursOf, orderedSamples, roundTo, timedSamples } from './report-series';

const TEN_MIN_MS = 10 * 60 * 1000;

describe('report series', () => {
  it('orders the series, keeps the last given sample per instant and leaves out what it cannot place', () => {
    const series = [
      { at: '2023-01-01T00:10:00Z', value: 1 },
      { at: '2023-01-01T00:00:00Z', value: 2 },
      { at: '2023-01-01T00:10:00+00:00', value: 3 }, // same instant as the first
      { at: 'garbage', value: 4 },
      { at: '2023-01-01T00:20:00Z', value: Number.POSITIVE_INFINITY },
    ];
    expect(orderedSamples(series).map((s) => [s.at, s.value])).toEqual([
      ['2023-01-01T00:00:00Z', 2],
      ['2023-01-01T00:10:00+00:00', 3],
    ]);
  });

  it('gives each sample the time to the next, capped at the cadence, and the last one cadence', () => {
    const series = [
      { at: '2023-01-01T00:00:00Z', value: 1 },
      { at: '2023-01-01T00:05:00Z', value: 1 },
      { at: '2023-01-01T01:00:00Z', value: 1 },
    ];
    expect(timedSamples(series, TEN_MIN_MS).map((s) => s.durationMs / 60_000)).toEqual([5, 10, 10]);
    expect(() => timedSamples(series, Number.NaN)).toThrow(RangeError);
  });

  it('rounds half away from zero without float noise', () => {
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(-1.005, 2)).toBe(-1.01);
    expect(roundTo(-0.0001, 2)).toBe(0);
    expect(roundTo(1.3 - 1.25, 3)).toBe(0.05);
    expect(hoursOf(50 * 60_000)).toBe(0.83);
  });

  it('reads design levels in metres only for sea and water levels', () => {
    const level = (over: Partial<DesignLevel>): DesignLevel => ({
      parameter: 'sea_level',
      value: 180,
      unit: 'cm',
      datum: 'DVR90',
      description: '',
      ...over,
    });
    expect(designLevelM(level({}))).toBe(1.8);
    expect(designLevelM(level({ parameter: 'water_level', value: 12.5, unit: 'm' }))).toBe(12.5);
    expect(designLevelM(level({ datum: 'none' }))).toBeNull(); // a level without its datum cannot be compared
    expect(designLevelM(level({ parameter: 'precip_past1h', unit: 'mm', datum: 'none' }))).toBeNull();
    expect(designLevelM(null)).toBeNull();
  });
});
