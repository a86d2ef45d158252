// Stage one, keyed by station: observations and storm-surge forecasts → verdicts for the zones they judge,
// and each observations partition's event-time progress (or idleness) for every zone.
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ObservationsV1, SeaLevelForecastV1 } from '@klimavagt/contracts';
import { Observation } from '@klimavagt/domain';
import { BatchConsumer, BatchSource, ConsumedEvent } from '@klimavagt/messaging';
import { LivenessRegistry } from '@klimavagt/observability';
import { LIVENESS } from '@klimavagt/platform';
import { ZoneCatalog } from '../zones/zone-catalog';
import { PartitionIdleness } from './partition-idleness';
import { StationStage } from './station-stage';

export const OBSERVATIONS_STAGE_CONSUMER = Symbol('OBSERVATIONS_STAGE_CONSUMER');
export const FORECASTS_STAGE_CONSUMER = Symbol('FORECASTS_STAGE_CONSUMER');

@Injectable()
export class StationStageConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private idleTimer?: NodeJS.Timeout;

  constructor(
    @Inject(OBSERVATIONS_STAGE_CONSUMER) private readonly observations: BatchConsumer<Observation>,
    @Inject(FORECASTS_STAGE_CONSUMER) private readonly forecasts: BatchConsumer<SeaLevelForecastV1>,
    private readonly stage: StationStage,
    private readonly idleness: PartitionIdleness,
    private readonly catalog: ZoneCatalog,
    @Inject(LIVENESS) liveness: LivenessRegistry,
  ) {
    liveness.register({ name: 'evaluator-stations', liveness: () => this.observations.liveness() });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.observations.onAssignment(async (assignment) => {
      this.idleness.assigned(assignment.map((a) => a.partition));
      this.stage.reloadBeforeNextBatch();
      // Partitions with unread records hold stage two back until their first batch is read.
      await this.stage.run((e) =>
        assignment.filter((a) => a.hasBacklog).flatMap((a) => e.applyBacklog(sourceId(a.partition), this.catalog.zoneIds())),
      );
    });
    this.forecasts.onAssignment(async () => this.stage.reloadBeforeNextBatch());
    await this.observations.start((batch, source) => this.onObservations(batch, source));
    await this.forecasts.start((batch) =>
      this.stage.run((e) => batch.flatMap(({ event }) => e.applyForecast(event, this.catalog.zonesJudgedBy(event.stationId)))),
    );
    this.idleTimer = setInterval(() => void this.announceIdle(), 5_000);
    this.idleTimer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.idleTimer);
    // Side by side: each stop is bounded, and two in a row would eat the app's whole close bound.
    await Promise.all([this.observations.stop(), this.forecasts.stop()]);
  }

  private async onObservations(batch: ConsumedEvent<Observation>[], source: BatchSource): Promise<void> {
    this.idleness.batchFrom(source.partition);
    // Progress after the verdicts it stands for, so stage two never hears of it before the data behind it.
    await this.stage.run((e) => [
      ...batch.flatMap(({ event }) => e.applyObservation(event, this.catalog.zonesJudgedBy(event.stationId))),
      ...e.applyProgress(sourceId(source.partition), batch.map((b) => b.event.observedAt), this.catalog.zoneIds()),
    ]);
  }

  /** A failed announcement (Kafka or database down) is simply offered again on the next tick. */
  private async announceIdle(): Promise<void> {
    for (const partition of this.idleness.newlyIdle()) {
      try {
        await this.stage.run((e) => e.applyIdle(sourceId(partition), this.catalog.zoneIds()));
        this.idleness.reportedIdle(partition);
      } catch {
        return; // retried on the next tick; the consumer's own retries report the outage
      }
    }
  }
}

const sourceId = (partition: number) => `${ObservationsV1.topic}/${partition}`;
