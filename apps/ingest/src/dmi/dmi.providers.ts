// Builds the DMI client and feeds from the configuration, for the polling job.
import { Provider } from '@nestjs/common';
import { KLIMAVAGT_CONFIG, KlimavagtConfig } from '@klimavagt/config';
import { DmiClient } from '@klimavagt/feeds';
import { EventPublisher } from '@klimavagt/messaging';
import { IngestMetrics, Logger } from '@klimavagt/observability';
import { DATABASE_POOL, EVENT_PUBLISHER, LOGGER } from '@klimavagt/platform';
import { DatabasePool, FeedCursorsRepository, StationsRepository } from '@klimavagt/storage';
import { DmiForecastsPoller } from './dmi-forecasts.poller';
import { DmiObservationPoller } from './dmi-observations.poller';
import { DmiStationsSync } from './dmi-stations.sync';

export class DmiFeeds {
  constructor(
    readonly stations: DmiStationsSync,
    readonly observations: DmiObservationPoller[],
    readonly forecasts: DmiForecastsPoller,
  ) {}
}

export const dmiProviders: Provider[] = [
  {
    provide: DmiFeeds,
    inject: [KLIMAVAGT_CONFIG, DATABASE_POOL, EVENT_PUBLISHER, IngestMetrics, LOGGER],
    useFactory: (config: KlimavagtConfig, db: DatabasePool, publisher: EventPublisher, metrics: IngestMetrics, log: Logger) => {
      const client = new DmiClient({ baseUrl: config.DMI_BASE_URL, timeoutMs: config.DMI_TIMEOUT_MS });
      const stations = new StationsRepository(db);
      const cursors = new FeedCursorsRepository(db);
      const pollers = (['metObs', 'oceanObs'] as const).map(
        (api) =>
          new DmiObservationPoller(
            { api, bbox: config.DMI_BBOX, stationIds: config.DMI_STATION_IDS, settleMs: config.DMI_SETTLE_MS, backfillMs: config.DMI_BACKFILL_MS, maxWindowMs: config.DMI_MAX_WINDOW_MS },
            { client, publisher, cursors, stations, metrics, log },
          ),
      );
      return new DmiFeeds(new DmiStationsSync(client, stations, config.DMI_BBOX), pollers, new DmiForecastsPoller(client, stations, publisher, config.DKSS_BIAS_M));
    },
  },
];
