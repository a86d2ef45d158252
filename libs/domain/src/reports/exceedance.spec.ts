import { exceedanceStatistics, type ExceedanceLevel } from './exceedance';

const TEN_MIN_MS = 10 * 60 * 1000;
const levels: ExceedanceLevel[] = [
  { severity: 'yellow', valueM: 1.0, label: 'Forhøjet vandstand' },
  { severity: 'orange', valueM: 1.25, label: 'Stormflod' },
];

/** 10-minute samples from `start`, one per value. */
function tenMinutes(start: string, values: number[]): { at: string; value: number }[] {
  const startMs = Date.parse(start);
  return values.map((value, i) => ({ at: new Date(startMs + i * TEN_MIN_MS).toISOString(), value }));
}

describe('exceedanceStatistics', () => {
  it('counts the worked example: 50 minutes above 1.0 m, 10 minutes above 1.25 m, one episode each', () => {
    const series = tenMinutes('2023-10-20T10:00:00.000Z', [0.9, 1.0, 1.1, 1.3, 1.2, 1.0, 0.9]);
    const report = exceedanceStatistics({ series, levels, cadenceMs: TEN_MIN_MS });
    expect(report).toEqual({
      years: [
        {
          year: 2023,
          samples: 7,
          max: { valueM: 1.3, at: '2023-10-20T10:30:00.000Z' },
          levels: [
            {
              severity: 'yellow',
              valueM: 1.0,
              label: 'Forhøjet vandstand',
              episodes: 1,
              hoursAbove: 0.83,
              longestEpisodeHours: 0.83,
              firstAt: '2023-10-20T10:10:00.000Z',
              lastAt: '2023-10-20T10:50:00.000Z',
            },
            {
              severity: 'orange',
              valueM: 1.25,
              label: 'Stormflod',
              episodes: 1,
              hoursAbove: 0.17,
              longestEpisodeHours: 0.17,
              firstAt: '2023-10-20T10:30:00.000Z',
              lastAt: '2023-10-20T10:30:00.000Z',
            },
          ],
        },
      ],
    });
  });

  it('counts a value exactly at the level as above it', () => {
    const series = tenMinutes('2023-01-01T00:00:00Z', [0.99, 1.0, 0.99]);
    const [yellow] = exceedanceStatistics({ series, levels, cadenceMs: TEN_MIN_MS }).years[0].levels;
    expect(yellow).toMatchObject({ episodes: 1, hoursAbove: 0.17, firstAt: '2023-01-01T00:10:00.000Z' });
  });

  it('caps each sample at the cadence, so a gap in the data is not time above the level', () => {
    // Above at 00:00, then nothing for 3 hours, then above again at 03:00 and down at 03:10.
    const series = [
      { at: '2023-02-01T00:00:00Z', value: 1.1 },
      { at: '2023-02-01T03:00:00Z', value: 1.1 },
      { at: '2023-02-01T03:10:00Z', value: 0.5 },
    ];
    const [yellow] = exceedanceStatistics({ series, levels, cadenceMs: TEN_MIN_MS }).years[0].levels;
    // 10 + 10 minutes, not 3 h 10 min; no value below the level in between, so one episode.
    expect(yellow).toMatchObject({ episodes: 1, hoursAbove: 0.33, longestEpisodeHours: 0.33 });
  });

  it('lets the last sample stand for one cadence', () => {
    const series = [{ at: '2023-03-01T00:00:00Z', value: 1.3 }];
    const report = exceedanceStatistics({ series, levels, cadenceMs: 60 * 60 * 1000 });
    expect(report.years[0].levels.map((l) => l.hoursAbove)).toEqual([1, 1]);
  });

  it('keeps the last given of duplicate samples, and reads the series in any order', () => {
    const series = [
      { at: '2023-04-01T00:20:00Z', value: 0.5 },
      { at: '2023-04-01T00:10:00Z', value: 1.3 },
      { at: '2023-04-01T00:00:00Z', value: 0.5 },
      { at: '2023-04-01T00:10:00Z', value: 1.1 }, // corrected value of 00:10 replaces 1.3
      { at: '2023-04-01T00:10:00.000Z', value: 1.2 }, // the same instant written differently: replaces again
    ];
    const [year] = exceedanceStatistics({ series, levels, cadenceMs: TEN_MIN_MS }).years;
    expect(year.samples).toBe(3);
    expect(year.max).toEqual({ valueM: 1.2, at: '2023-04-01T00:10:00.000Z' });
    expect(year.levels.map((l) => [l.episodes, l.hoursAbove])).toEqual([
      [1, 0.17],
      [0, 0],
    ]);
    expect(year.levels[1]).toMatchObject({ firstAt: null, lastAt: null, longestEpisodeHours: 0 });
  });

  it('counts separate episodes and the longest of them', () => {
    const series = tenMinutes('2023-05-01T00:00:00Z', [1.1, 0.9, 1.1, 1.1, 1.1, 0.9, 1.0, 0.5]);
    const [yellow] = exceedanceStatistics({ series, levels, cadenceMs: TEN_MIN_MS }).years[0].levels;
    expect(yellow).toMatchObject({
      episodes: 3, // the first sample already above counts as one
      hoursAbove: 0.83,
      longestEpisodeHours: 0.5,
      firstAt: '2023-05-01T00:00:00.000Z',
      lastAt: '2023-05-01T01:00:00.000Z',
    });
  });

  it('keeps the earliest of equal maxima', () => {
    const series = tenMinutes('2023-05-01T00:00:00Z', [1.1, 0.9, 1.1, 1.1]);
    expect(exceedanceStatistics({ series, levels, cadenceMs: TEN_MIN_MS }).years[0].max).toEqual({
      valueM: 1.1,
      at: '2023-05-01T00:00:00.000Z',
    });
  });

  it('counts an episode spanning New Year in both years, its time split by the year of each sample', () => {
    const series = tenMinutes('2023-12-31T23:30:00Z', [0.9, 1.1, 1.3, 1.3, 1.1, 0.9]);
    const report = exceedanceStatistics({ series, levels, cadenceMs: TEN_MIN_MS });
    expect(report.years.map((y) => y.year)).toEqual([2023, 2024]);
    const [y2023, y2024] = report.years;
    expect(y2023.samples).toBe(3);
    expect(y2023.levels[0]).toMatchObject({
      episodes: 1,
      hoursAbove: 0.33,
      lastAt: '2023-12-31T23:50:00.000Z',
    });
    expect(y2023.levels[1]).toMatchObject({ episodes: 1, hoursAbove: 0.17 });
    expect(y2024.samples).toBe(3);
    expect(y2024.levels[0]).toMatchObject({
      episodes: 1,
      hoursAbove: 0.33,
      firstAt: '2024-01-01T00:00:00.000Z',
    });
    expect(y2024.levels[1]).toMatchObject({ episodes: 1, hoursAbove: 0.17 });
    expect(y2023.max).toEqual({ valueM: 1.3, at: '2023-12-31T23:50:00.000Z' });
    expect(y2024.max).toEqual({ valueM: 1.3, at: '2024-01-01T00:00:00.000Z' });
  });

  it('lists years ascending, skipping years without samples', () => {
    const series = [
      { at: '2021-06-01T00:00:00Z', value: 0.2 },
      { at: '2019-06-01T00:00:00Z', value: 0.1 },
    ];
    expect(exceedanceStatistics({ series, levels, cadenceMs: TEN_MIN_MS }).years.map((y) => y.year)).toEqual([
      2019, 2021,
    ]);
  });

  it('reports no years for an empty series, and leaves out samples it cannot place', () => {
    expect(exceedanceStatistics({ series: [], levels, cadenceMs: TEN_MIN_MS })).toEqual({ years: [] });
    const unreadable = [
      { at: 'not a time', value: 2 },
      { at: '2023-01-01T00:00:00Z', value: Number.NaN },
    ];
    expect(exceedanceStatistics({ series: unreadable, levels, cadenceMs: TEN_MIN_MS })).toEqual({
      years: [],
    });
  });

  it('refuses a cadence that is not a positive duration', () => {
    expect(() => exceedanceStatistics({ series: [], levels, cadenceMs: 0 })).toThrow(RangeError);
  });
});
