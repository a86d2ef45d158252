// Records sea-level-forecasts.v1 (DKSS runs per gauge) so charts can show the forecast beside the observations;
// offsets are committed after the write, and a re-delivered run changes nothing.
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { SeaLevelForecastV1 } from '@klimavagt/contracts';
import { BatchConsumer } from '@klimavagt/messaging';
import { LivenessRegistry } from '@klimavagt/observability';
import { LIVENESS } from '@klimavagt/platform';
import { SeaLevelForecastsRepository } from '@klimavagt/storage';

export const FORECASTS_CONSUMER = Symbol('FORECASTS_CONSUMER');

@Injectable()
export class ForecastsRecorder implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(FORECASTS_CONSUMER) private readonly consumer: BatchConsumer<SeaLevelForecastV1>,
    private readonly forecasts: SeaLevelForecastsRepository,
    @Inject(LIVENESS) liveness: LivenessRegistry,
  ) {
    liveness.register({ name: 'forecasts-recorder', liveness: () => this.consumer.liveness() });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start((batch) => this.forecasts.upsert(batch.map((b) => b.event)));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }
}
