// Stage one, keyed by station: observations and storm-surge forecasts → verdicts for the zones they judge.
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SeaLevelForecastV1, ZoneInputsV1 } from '@klimavagt/contracts';
import { Observation, StateStore, StationRuleState, StationStageEvaluator, ZoneInput } from '@klimavagt/domain';
import { BatchConsumer, ConsumedEvent, EventPublisher } from '@klimavagt/messaging';
import { LivenessRegistry } from '@klimavagt/observability';
import { EVENT_PUBLISHER, LIVENESS } from '@klimavagt/platform';
import { EvaluatorStateRepository } from '@klimavagt/storage';
import { StageTransaction } from '../stage-transaction';
import { ZoneCatalog } from '../zones/zone-catalog';

export const OBSERVATIONS_STAGE_CONSUMER = Symbol('OBSERVATIONS_STAGE_CONSUMER');
export const FORECASTS_STAGE_CONSUMER = Symbol('FORECASTS_STAGE_CONSUMER');
const STAGE = 'stations';

@Injectable()
export class StationStageConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private evaluator!: StationStageEvaluator;
  private transaction!: StageTransaction<StationRuleState>;

  constructor(
    @Inject(OBSERVATIONS_STAGE_CONSUMER) private readonly observations: BatchConsumer<Observation>,
    @Inject(FORECASTS_STAGE_CONSUMER) private readonly forecasts: BatchConsumer<SeaLevelForecastV1>,
    @Inject(EVENT_PUBLISHER) private readonly publisher: EventPublisher,
    private readonly catalog: ZoneCatalog,
    private readonly state: EvaluatorStateRepository,
    @Inject(LIVENESS) liveness: LivenessRegistry,
  ) {
    liveness.register({ name: 'evaluator-stations', liveness: () => this.observations.liveness() });
  }

  async onApplicationBootstrap(): Promise<void> {
    // State first: a restarted instance continues from the last committed batch, never from scratch.
    const store = new StateStore(await this.state.load<StationRuleState>(STAGE));
    this.evaluator = new StationStageEvaluator(store);
    this.transaction = new StageTransaction(store, (changes) => this.state.save(STAGE, changes));
    const publish = (inputs: ZoneInput[]) => this.publisher.publish(ZoneInputsV1, inputs);
    await this.observations.start((batch) => this.transaction.run(() => batch.flatMap((b) => this.onObservation(b)), publish));
    await this.forecasts.start((batch) => this.transaction.run(() => batch.flatMap((b) => this.onForecast(b)), publish));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.observations.stop();
    await this.forecasts.stop();
  }

  private onObservation({ event }: ConsumedEvent<Observation>) {
    return this.evaluator.applyObservation(event, this.catalog.zonesJudgedBy(event.stationId));
  }

  private onForecast({ event }: ConsumedEvent<SeaLevelForecastV1>) {
    return this.evaluator.applyForecast(event, this.catalog.zonesJudgedBy(event.stationId));
  }
}
