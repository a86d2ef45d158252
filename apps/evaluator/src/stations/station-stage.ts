// Stage one's state and transaction, shared by its consumers and the idle timer: every change to stage
// one's state goes through one StageTransaction (compute → publish zone inputs → save → commit).
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ZoneInputsV1 } from '@klimavagt/contracts';
import { StateStore, StationStageEvaluator, StationStageState, ZoneInput } from '@klimavagt/domain';
import { EventPublisher } from '@klimavagt/messaging';
import { EVENT_PUBLISHER } from '@klimavagt/platform';
import { EvaluatorStateRepository } from '@klimavagt/storage';
import { StageTransaction } from '../stage-transaction';

const STAGE = 'stations';

@Injectable()
export class StationStage implements OnApplicationBootstrap {
  private evaluator!: StationStageEvaluator;
  private transaction!: StageTransaction<StationStageState>;

  constructor(
    @Inject(EVENT_PUBLISHER) private readonly publisher: EventPublisher,
    private readonly state: EvaluatorStateRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // State first: a restarted instance continues from the last committed batch, never from scratch.
    const persistence = {
      load: () => this.state.load<StationStageState>(STAGE),
      save: (changes: [string, StationStageState][]) => this.state.save(STAGE, changes),
    };
    const store = new StateStore(await persistence.load());
    this.evaluator = new StationStageEvaluator(store);
    this.transaction = new StageTransaction(store, persistence);
  }

  /** Resolves once the zone inputs are acknowledged by Kafka and the state is saved. */
  run(compute: (evaluator: StationStageEvaluator) => ZoneInput[]): Promise<void> {
    return this.transaction.run(
      () => compute(this.evaluator),
      (inputs) => this.publisher.publish(ZoneInputsV1, inputs),
    );
  }

  reloadBeforeNextBatch(): void {
    this.transaction.reloadBeforeNextBatch();
  }
}
