// Records observations.v1 into the observations table: one bulk upsert per batch, offsets committed after it.
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { isStationProgress, type Observation, type StationProgress } from '@klimavagt/domain';
import { BatchConsumer, ConsumedEvent } from '@klimavagt/messaging';
import { LivenessRegistry, Logger, RecorderMetrics } from '@klimavagt/observability';
import { LIVENESS, LOGGER } from '@klimavagt/platform';
import { ObservationsRepository } from '@klimavagt/storage';

export const OBSERVATIONS_CONSUMER = Symbol('OBSERVATIONS_CONSUMER');

@Injectable()
export class ObservationsRecorder implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly name = 'observations-recorder';

  constructor(
    @Inject(OBSERVATIONS_CONSUMER) private readonly consumer: BatchConsumer<Observation | StationProgress>,
    private readonly observations: ObservationsRepository,
    private readonly metrics: RecorderMetrics,
    @Inject(LOGGER) private readonly log: Logger,
    @Inject(LIVENESS) liveness: LivenessRegistry,
  ) {
    liveness.register({ name: this.name, liveness: () => this.consumer.liveness() });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start((batch) => this.record(batch));
    this.log.info('recording observations.v1');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }

  /** The feeds' progress marks on the same topic are for the evaluator: nothing to store. */
  private async record(batch: ConsumedEvent<Observation | StationProgress>[]): Promise<void> {
    const observations = batch.flatMap((b) => (isStationProgress(b.event) ? [] : [b.event]));
    if (observations.length === 0) return;
    const stopTimer = this.metrics.writeSeconds.startTimer();
    const written = await this.observations.upsert(observations);
    stopTimer();
    this.metrics.rowsWritten.inc(written);
  }
}
