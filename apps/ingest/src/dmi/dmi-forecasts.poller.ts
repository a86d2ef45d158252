// Fetches DMI's storm-surge forecasts (DKSS) for each coastal gauge and publishes them with their model run,
// on DVR90: the gauge's configured bias added (and named on the event).
import { ForecastProgressV1, SeaLevelForecastsV1, SeaLevelForecastV1 } from '@klimavagt/contracts';
import { dvr90Forecast, type DkssBiases } from '@klimavagt/domain';
import { DkssCollection, DmiClient, DmiFeedError } from '@klimavagt/feeds';
import { EventPublisher } from '@klimavagt/messaging';
import { StationsRepository } from '@klimavagt/storage';

/** Little Belt first: Assens lies in dkss_lb; dkss_idw covers the inner Danish waters around Funen too. */
export const FORECAST_COLLECTIONS: readonly DkssCollection[] = ['dkss_lb', 'dkss_idw'];

export class DmiForecastsPoller {
  constructor(
    private readonly client: DmiClient,
    private readonly stations: StationsRepository,
    private readonly publisher: EventPublisher,
    private readonly biases: DkssBiases = {},
  ) {}

  /** Polls and vouches run one at a time, so no vouch can pass a run that is fetched but not yet published. */
  private turn: Promise<unknown> = Promise.resolve();

  pollOnce(now: Date): Promise<SeaLevelForecastV1[]> {
    return this.inTurn(() => this.poll(now));
  }

  /** Vouches for every gauge up to `now` without polling: no run fetched since the last poll is unpublished. */
  vouch(now: Date): Promise<string[]> {
    return this.inTurn(async () => {
      const gauges = await this.gauges();
      await this.announce(gauges.map((g) => g.id), now);
      return gauges.map((g) => g.id);
    });
  }

  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const run = this.turn.then(work);
    this.turn = run.catch(() => undefined);
    return run;
  }

  private async gauges() {
    return (await this.stations.list({ source: 'dmi-oceanobs' })).filter((s) => s.parameters.includes('sea_level'));
  }

  private async announce(stationIds: string[], now: Date): Promise<void> {
    // A run counts from when it was fetched: everything fetched up to `now` is out (1 ms exclusive bound).
    const completeUpTo = new Date(now.getTime() + 1).toISOString();
    await this.publisher.publish(
      ForecastProgressV1,
      stationIds.map((stationId) => ({ kind: 'station-progress' as const, stationId, feed: 'dmi-dkss' as const, completeUpTo, announcedAt: now.toISOString() })),
    );
  }

  private async poll(now: Date): Promise<SeaLevelForecastV1[]> {
    const gauges = await this.gauges();
    const forecasts: SeaLevelForecastV1[] = [];
    for (const collection of FORECAST_COLLECTIONS) {
      // Pin the newest run, so the series carries its run time (DMI's position answer does not).
      const runs = await this.client.listForecastRuns(collection);
      const newest = runs.filter((r) => r.runTime).sort((a, b) => (a.runTime! < b.runTime! ? 1 : -1))[0];
      for (const gauge of gauges) {
        let forecast;
        try {
          forecast = await this.client.fetchSeaLevelForecast({
            collection,
            lon: gauge.location[0],
            lat: gauge.location[1],
            from: now.toISOString(),
            ...(newest ? { instanceId: newest.instanceId } : {}),
          });
        } catch (error) {
          // A gauge outside a model's domain answers 4xx: skip that pair. DMI down (retriable) fails the cycle.
          if (error instanceof DmiFeedError && !error.retriable) continue;
          throw error;
        }
        if (forecast.points.length === 0) continue;
        // Corrected here, once, so the forecast rule, the stored runs and the risk-map chart read the same levels.
        forecasts.push(
          dvr90Forecast(
            {
              stationId: gauge.id,
              collection,
              runTime: forecast.runTime === null ? null : new Date(forecast.runTime).toISOString(),
              fetchedAt: now.toISOString(),
              gridPoint: forecast.location,
              points: forecast.points,
            },
            this.biases,
          ),
        );
      }
    }
    await this.publisher.publish(SeaLevelForecastsV1, forecasts);
    await this.announce(gauges.map((g) => g.id), now);
    return forecasts;
  }
}
