// Stage two, keyed by zone: stations' verdicts → zone risk assessments (zone-risk.v1) and alert signals (alert-signals.v1).
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AlertSignalsV1, ZoneRiskV1 } from '@klimavagt/contracts';
import { StateStore, ZoneInput, ZoneStageEvaluator, ZoneStageOutput, ZoneStageState } from '@klimavagt/domain';
import { BatchConsumer, ConsumedEvent, EventPublisher } from '@klimavagt/messaging';
import { LivenessRegistry } from '@klimavagt/observability';
import { EVENT_PUBLISHER, LIVENESS } from '@klimavagt/platform';
import { EvaluatorStateRepository } from '@klimavagt/storage';
import { StageTransaction } from '../stage-transaction';
import { ZoneCatalog } from './zone-catalog';

export const ZONE_INPUTS_CONSUMER = Symbol('ZONE_INPUTS_CONSUMER');
const STAGE = 'zones';

@Injectable()
export class ZoneStageConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private evaluator!: ZoneStageEvaluator;
  private transaction!: StageTransaction<ZoneStageState>;

  constructor(
    @Inject(ZONE_INPUTS_CONSUMER) private readonly inputs: BatchConsumer<ZoneInput>,
    @Inject(EVENT_PUBLISHER) private readonly publisher: EventPublisher,
    private readonly catalog: ZoneCatalog,
    private readonly state: EvaluatorStateRepository,
    @Inject(LIVENESS) liveness: LivenessRegistry,
  ) {
    liveness.register({ name: 'evaluator-zones', liveness: () => this.inputs.liveness() });
  }

  async onApplicationBootstrap(): Promise<void> {
    const persistence = { load: () => this.state.load<ZoneStageState>(STAGE), save: (changes: [string, ZoneStageState][]) => this.state.save(STAGE, changes) };
    const store = new StateStore(await persistence.load());
    this.evaluator = new ZoneStageEvaluator(store);
    this.transaction = new StageTransaction(store, persistence);
    this.inputs.onAssignment(async () => this.transaction.reloadBeforeNextBatch());
    await this.inputs.start((batch) => this.transaction.run(() => this.evaluate(batch), (out) => this.publish(out)));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.inputs.stop();
  }

  private evaluate(batch: ConsumedEvent<ZoneInput>[]): ZoneStageOutput {
    const out: ZoneStageOutput = { outcomes: [], signals: [] };
    for (const { event } of batch) {
      const zone = this.catalog.zone(event.zoneId);
      if (!zone) continue; // retired since stage one judged it
      const step = this.evaluator.apply(event, zone, (rule) => this.catalog.expectedStations(zone, rule));
      out.outcomes.push(...step.outcomes);
      out.signals.push(...step.signals);
    }
    return out;
  }

  private async publish(out: ZoneStageOutput): Promise<void> {
    await this.publisher.publish(ZoneRiskV1, out.outcomes);
    await this.publisher.publish(AlertSignalsV1, out.signals);
  }
}
