// Records sea-level-forecasts.v1 (DKSS runs per gauge) so charts can show the forecast beside the observations;
// offsets are committed after the write, and a re-delivered run changes nothing.
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { SeaLevelForecastV1 } from '@klimavagt/contracts';
import { isStationProgress, type StationProgress } from '@klimavagt/domain';
import { BatchConsumer } from '@klimavagt/messaging';
import { LivenessRegistry } from '@klimavagt/observability';
import { LIVENESS } from '@klimavagt/platform';
import { SeaLevelForecastsRepository } from '@klimavagt/storage';

export const FORECASTS_CONSUMER = Symbol('FORECASTS_CONSUMER');

@Injectable()
export class ForecastsRecorder implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(FORECASTS_CONSUMER) private readonly consumer: BatchConsumer<SeaLevelForecastV1 | StationProgress>,
    private readonly forecasts: SeaLevelForecastsRepository,
    @Inject(LIVENESS) liveness: LivenessRegistry,
  ) {
    liveness.register({ name: 'forecasts-recorder', liveness: () => this.consumer.liveness() });
  }

  async onApplicationBootstrap(): Promise<void> {
    // The feed's progress marks on the same topic are for the evaluator: nothing to store.
    await this.consumer.start(async (batch) => {
      const runs = batch.flatMap((b) => (isStationProgress(b.event) ? [] : [b.event]));
      if (runs.length > 0) await this.forecasts.upsert(runs);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }
}
