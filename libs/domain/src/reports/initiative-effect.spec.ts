// Tests the observed effect of an initiative: events split around its live date, gaps, missing dates and levels.
import type { DesignLevel, Initiative } from '../initiatives/initiative';
import { initiativeEffect } from './initiative-effect';

const TEN_MIN_MS = 10 * 60 * 1000;

function initiative(over: Partial<Initiative> = {}): Initiative {
  return {
    id: 'indre-linje',
    title: 'Indre linje, Assens Havn',
    hazards: ['coastal-flooding'],
    zoneIds: ['assens-havn'],
    measureType: 'physical',
    owner: 'Assens Kommune',
    status: 'done',
    targetYear: 2021,
    liveSince: '2021-06-01',
    designLevel: {
      parameter: 'sea_level',
      value: 180,
      unit: 'cm',
      datum: 'DVR90',
      description: 'protects to 1.80 m DVR90',
    },
    indicators: [],
    source: { title: 'Klimasikringsplan', year: 2018 },
    illustrative: true,
    notes: null,
    ...over,
  };
}

/** 10-minute samples from `start`, one per value. */
function tenMinutes(start: string, values: number[]): { at: string; value: number }[] {
  const startMs = Date.parse(start);
  return values.map((value, i) => ({ at: new Date(startMs + i * TEN_MIN_MS).toISOString(), value }));
}

// Two events before the live date (one of them spanning it), one after.
const series = [
  ...tenMinutes('2020-01-10T00:00:00Z', [1.0, 1.3, 1.6, 1.4, 1.1]), // 1.3..1.4: 30 min, peak 1.6
  ...tenMinutes('2021-05-31T23:50:00Z', [1.5, 1.9, 1.2]), // starts before, lasts past midnight: before
  ...tenMinutes('2023-10-20T22:00:00Z', [1.2, 1.25, 2.02, 1.5, 1.0]), // 30 min, peak 2.02
];

describe('initiativeEffect', () => {
  it('splits the events around the live date, an event that started before it counting as before', () => {
    const effect = initiativeEffect({
      initiative: initiative(),
      series,
      thresholdM: 1.25,
      cadenceMs: TEN_MIN_MS,
    });
    expect(effect).toEqual({
      initiativeId: 'indre-linje',
      liveSince: '2021-06-01',
      live: true,
      thresholdM: 1.25,
      designLevelM: 1.8,
      before: {
        summary: { events: 2, meanHoursAbove: 0.42, meanDepthAboveThresholdM: 0.5, maxPeakM: 1.9 },
        events: [
          {
            startAt: '2020-01-10T00:10:00.000Z',
            endAt: '2020-01-10T00:30:00.000Z',
            hoursAbove: 0.5,
            peakM: 1.6,
            depthAboveThresholdM: 0.35,
            depthAboveDesignM: -0.2,
          },
          {
            startAt: '2021-05-31T23:50:00.000Z',
            endAt: '2021-06-01T00:00:00.000Z',
            hoursAbove: 0.33,
            peakM: 1.9,
            depthAboveThresholdM: 0.65,
            depthAboveDesignM: 0.1,
          },
        ],
      },
      after: {
        summary: { events: 1, meanHoursAbove: 0.5, meanDepthAboveThresholdM: 0.77, maxPeakM: 2.02 },
        events: [
          {
            startAt: '2023-10-20T22:10:00.000Z',
            endAt: '2023-10-20T22:30:00.000Z',
            hoursAbove: 0.5,
            peakM: 2.02,
            depthAboveThresholdM: 0.77,
            depthAboveDesignM: 0.22,
          },
        ],
      },
    });
  });

  it('counts an event starting exactly at the live date as after', () => {
    const effect = initiativeEffect({
      initiative: initiative(),
      series: tenMinutes('2021-06-01T00:00:00Z', [1.4, 1.0]),
      thresholdM: 1.25,
      cadenceMs: TEN_MIN_MS,
    });
    expect([effect.before.summary.events, effect.after.summary.events]).toEqual([0, 1]);
  });

  it('ends an event at a gap longer than the cadence, and does not count the gap as time above', () => {
    const gappy = [
      { at: '2022-01-01T00:00:00Z', value: 1.3 },
      { at: '2022-01-01T00:10:00Z', value: 1.4 },
      { at: '2022-01-01T02:00:00Z', value: 1.5 }, // the gauge was silent for 1 h 50 min
      { at: '2022-01-01T02:10:00Z', value: 1.0 },
    ];
    const effect = initiativeEffect({
      initiative: initiative(),
      series: gappy,
      thresholdM: 1.25,
      cadenceMs: TEN_MIN_MS,
    });
    expect(effect.after.events.map((e) => [e.startAt, e.endAt, e.hoursAbove, e.peakM])).toEqual([
      ['2022-01-01T00:00:00Z', '2022-01-01T00:10:00Z', 0.33, 1.4],
      ['2022-01-01T02:00:00Z', '2022-01-01T02:00:00Z', 0.17, 1.5],
    ]);
  });

  it('keeps an event together across a step of exactly one cadence', () => {
    const effect = initiativeEffect({
      initiative: initiative(),
      series: tenMinutes('2022-01-01T00:00:00Z', [1.3, 1.3, 1.3]),
      thresholdM: 1.25,
      cadenceMs: TEN_MIN_MS,
    });
    expect(effect.after.events).toHaveLength(1);
    expect(effect.after.events[0].hoursAbove).toBe(0.5); // the last sample stands for one cadence
  });

  it('puts every event before, and is not live, without a live date', () => {
    const effect = initiativeEffect({
      initiative: initiative({ liveSince: null }),
      series,
      thresholdM: 1.25,
      cadenceMs: TEN_MIN_MS,
    });
    expect(effect.live).toBe(false);
    expect(effect.liveSince).toBeNull();
    expect(effect.before.summary.events).toBe(3);
    expect(effect.after).toEqual({
      summary: { events: 0, meanHoursAbove: null, meanDepthAboveThresholdM: null, maxPeakM: null },
      events: [],
    });
  });

  it('has no design depth without a design level, or with one that is not a sea or water level', () => {
    const none = initiativeEffect({
      initiative: initiative({ designLevel: null }),
      series,
      thresholdM: 1.25,
      cadenceMs: TEN_MIN_MS,
    });
    expect(none.designLevelM).toBeNull();
    expect(none.after.events[0]).toMatchObject({ depthAboveThresholdM: 0.77, depthAboveDesignM: null });
    const rain: DesignLevel = {
      parameter: 'precip_past1h',
      value: 30,
      unit: 'mm',
      datum: 'none',
      description: '30 mm/h',
    };
    const basin = initiativeEffect({
      initiative: initiative({ designLevel: rain }),
      series,
      thresholdM: 1.25,
      cadenceMs: TEN_MIN_MS,
    });
    expect(basin.designLevelM).toBeNull();
    expect(basin.before.events.every((e) => e.depthAboveDesignM === null)).toBe(true);
  });

  it('finds no events in an empty series', () => {
    const effect = initiativeEffect({
      initiative: initiative(),
      series: [],
      thresholdM: 1.25,
      cadenceMs: TEN_MIN_MS,
    });
    expect([effect.before.events, effect.after.events]).toEqual([[], []]);
  });

  it.each(['sommer 2021', '2021-02-30', '2021-06-01T00:00'])(
    'refuses a live date that is not a calendar date: %j',
    (liveSince) => {
      expect(() =>
        initiativeEffect({
          initiative: initiative({ liveSince }),
          series,
          thresholdM: 1.25,
          cadenceMs: TEN_MIN_MS,
        }),
      ).toThrow(RangeError);
    },
  );
});
