// Stage one, keyed by station: observations, storm-surge forecasts and their feeds' progress → verdicts and
// per-station completeness for the zones they judge.
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SeaLevelForecastV1 } from '@klimavagt/contracts';
import { isStationProgress, Observation, StationProgress } from '@klimavagt/domain';
import { BatchConsumer, ConsumedEvent } from '@klimavagt/messaging';
import { EvaluatorMetrics, LivenessRegistry } from '@klimavagt/observability';
import { LIVENESS } from '@klimavagt/platform';
import { ZoneCatalog } from '../zones/zone-catalog';
import { StationStage } from './station-stage';

export const OBSERVATIONS_STAGE_CONSUMER = Symbol('OBSERVATIONS_STAGE_CONSUMER');
export const FORECASTS_STAGE_CONSUMER = Symbol('FORECASTS_STAGE_CONSUMER');

@Injectable()
export class StationStageConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(OBSERVATIONS_STAGE_CONSUMER) private readonly observations: BatchConsumer<Observation | StationProgress>,
    @Inject(FORECASTS_STAGE_CONSUMER) private readonly forecasts: BatchConsumer<SeaLevelForecastV1 | StationProgress>,
    private readonly stage: StationStage,
    private readonly catalog: ZoneCatalog,
    private readonly metrics: EvaluatorMetrics,
    @Inject(LIVENESS) liveness: LivenessRegistry,
  ) {
    liveness.register({ name: 'evaluator-stations', liveness: () => this.observations.liveness() });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.observations.onAssignment(async () => this.stage.reloadBeforeNextBatch());
    this.forecasts.onAssignment(async () => this.stage.reloadBeforeNextBatch());
    await this.observations.start((batch) => this.onObservations(batch));
    await this.forecasts.start((batch) => this.onForecasts(batch));
  }

  async onApplicationShutdown(): Promise<void> {
    // Side by side: each stop is bounded, and two in a row would eat the app's whole close bound.
    await Promise.all([this.observations.stop(), this.forecasts.stop()]);
  }

  /** In partition order: a station's progress follows the values it vouches for. */
  private async onObservations(batch: ConsumedEvent<Observation | StationProgress>[]): Promise<void> {
    const fates: string[] = [];
    await this.stage.run((e) => {
      fates.length = 0; // a retried batch counts once
      return batch.flatMap(({ event }) => {
        const zones = this.catalog.zonesJudgedBy(event.stationId);
        if (isStationProgress(event)) return e.applyProgress(event, zones);
        const { inputs, fate } = e.applyObservation(event, zones);
        fates.push(fate);
        return inputs;
      });
    });
    for (const fate of fates) this.metrics.observations.inc({ fate });
  }

  private onForecasts(batch: ConsumedEvent<SeaLevelForecastV1 | StationProgress>[]): Promise<void> {
    return this.stage.run((e) =>
      batch.flatMap(({ event }) => {
        const zones = this.catalog.zonesJudgedBy(event.stationId);
        return isStationProgress(event) ? e.applyForecastProgress(event, zones) : e.applyForecast(event, zones);
      }),
    );
  }
}
