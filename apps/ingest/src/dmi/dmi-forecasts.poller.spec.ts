// Tests that the forecasts poller publishes DKSS runs on DVR90: each gauge's configured bias added and named.
import { SeaLevelForecastsV1, type SeaLevelForecastV1 } from '@klimavagt/contracts';
import type { StationProgress } from '@klimavagt/domain';
import type { DmiClient } from '@klimavagt/feeds';
import type { EventPublisher } from '@klimavagt/messaging';
import type { StationsRepository } from '@klimavagt/storage';
import { DmiForecastsPoller } from './dmi-forecasts.poller';

const gauges = [
  { id: '9020201', location: [9.8897, 55.2706], parameters: ['sea_level'] },
  { id: '9020301', location: [10.2412, 55.0934], parameters: ['sea_level'] },
];
const client = {
  listForecastRuns: async () => [{ instanceId: '20231020T180000Z', runTime: '2023-10-20T18:00:00Z' }],
  fetchSeaLevelForecast: async (q: { collection: string; lon: number; lat: number }) => ({
    collection: q.collection,
    location: [q.lon, q.lat],
    runTime: '2023-10-20T18:00:00Z',
    points: [{ at: '2023-10-21T03:00:00.000Z', levelM: 1.83 }],
  }),
} as unknown as DmiClient;
const stations = { list: async () => gauges } as unknown as StationsRepository;

/** Runs and the feed's progress marks, each in publish order. */
function publisherSpy() {
  const published: SeaLevelForecastV1[] = [];
  const progress: StationProgress[] = [];
  const publisher = {
    publish: async (c: unknown, events: unknown[]) =>
      void (c === SeaLevelForecastsV1 ? published.push(...(events as SeaLevelForecastV1[])) : progress.push(...(events as StationProgress[]))),
  } as unknown as EventPublisher;
  return { publisher, published, progress };
}

describe('DmiForecastsPoller', () => {
  it("adds each gauge's DKSS bias to its points and carries it on the event; other gauges get 0", async () => {
    const { publisher, published } = publisherSpy();
    await new DmiForecastsPoller(client, stations, publisher, { '9020201': -0.05 }).pollOnce(new Date('2023-10-20T20:00:00Z'));
    const lb = published.filter((f) => f.collection === 'dkss_lb');
    expect(lb.map((f) => [f.stationId, f.biasM, f.points[0].levelM])).toEqual([
      ['9020201', -0.05, 1.78],
      ['9020301', 0, 1.83],
    ]);
  });

  it('publishes DKSS as given, bias 0, when no bias is configured', async () => {
    const { publisher, published } = publisherSpy();
    await new DmiForecastsPoller(client, stations, publisher).pollOnce(new Date('2023-10-20T20:00:00Z'));
    expect(published.every((f) => f.biasM === 0 && f.points[0].levelM === 1.83)).toBe(true);
  });

  it('after the runs, vouches for every gauge up to just past the poll: a run counts from when it was fetched', async () => {
    const { publisher, progress } = publisherSpy();
    await new DmiForecastsPoller(client, stations, publisher).pollOnce(new Date('2023-10-20T20:00:00Z'));
    expect(progress.map((p) => [p.stationId, p.feed, p.completeUpTo])).toEqual([
      ['9020201', 'dmi-dkss', '2023-10-20T20:00:00.001Z'],
      ['9020301', 'dmi-dkss', '2023-10-20T20:00:00.001Z'],
    ]);
  });

  it('vouches between polls without polling, never while a poll is still publishing', async () => {
    const order: string[] = [];
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    const publisher = {
      publish: async (c: unknown, events: { stationId: string; completeUpTo?: string }[]) => {
        if (c === SeaLevelForecastsV1) await slow;
        order.push(...events.map((e) => `${c === SeaLevelForecastsV1 ? 'run' : 'mark'} ${e.stationId} ${e.completeUpTo ?? ''}`.trim()));
      },
    } as unknown as EventPublisher;
    const poller = new DmiForecastsPoller(client, stations, publisher);
    const polled = poller.pollOnce(new Date('2023-10-20T20:00:00Z'));
    const vouched = poller.vouch(new Date('2023-10-20T20:10:00Z'));
    release();
    await Promise.all([polled, vouched]);
    expect(order.filter((o) => o.includes('9020201'))).toEqual([
      'run 9020201',
      'run 9020201',
      'mark 9020201 2023-10-20T20:00:00.001Z',
      'mark 9020201 2023-10-20T20:10:00.001Z',
    ]);
  });
});
