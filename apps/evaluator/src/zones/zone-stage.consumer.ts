// Stage two, keyed by zone: stations' verdicts and completeness → zone risk assessments (zone-risk.v1) and alert
// signals (alert-signals.v1); sources that stopped announcing are declared idle on zone-inputs.v1 itself.
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AlertSignalsV1, ZoneInputsV1, ZoneRiskV1 } from '@klimavagt/contracts';
import { observationSource, StateStore, ZoneInput, ZoneStageEvaluator, ZoneStageOutput, ZoneStageState } from '@klimavagt/domain';
import { BatchConsumer, ConsumedEvent, EventPublisher } from '@klimavagt/messaging';
import { EvaluatorMetrics, LivenessRegistry } from '@klimavagt/observability';
import { EVENT_PUBLISHER, LIVENESS } from '@klimavagt/platform';
import { EvaluatorStateRepository } from '@klimavagt/storage';
import { StageTransaction } from '../stage-transaction';
import { SourceIdleness } from './source-idleness';
import { ZoneCatalog } from './zone-catalog';

export const ZONE_INPUTS_CONSUMER = Symbol('ZONE_INPUTS_CONSUMER');
const STAGE = 'zones';
const IDLE_CHECK_MS = 5_000;

@Injectable()
export class ZoneStageConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private evaluator!: ZoneStageEvaluator;
  private transaction!: StageTransaction<ZoneStageState>;
  private idleTimer?: NodeJS.Timeout;

  constructor(
    @Inject(ZONE_INPUTS_CONSUMER) private readonly inputs: BatchConsumer<ZoneInput>,
    @Inject(EVENT_PUBLISHER) private readonly publisher: EventPublisher,
    private readonly catalog: ZoneCatalog,
    private readonly state: EvaluatorStateRepository,
    private readonly idleness: SourceIdleness,
    private readonly metrics: EvaluatorMetrics,
    @Inject(LIVENESS) liveness: LivenessRegistry,
  ) {
    liveness.register({ name: 'evaluator-zones', liveness: () => this.inputs.liveness() });
  }

  async onApplicationBootstrap(): Promise<void> {
    const persistence = { load: () => this.state.load<ZoneStageState>(STAGE), save: (changes: [string, ZoneStageState][]) => this.state.save(STAGE, changes) };
    const store = new StateStore(await persistence.load());
    this.evaluator = new ZoneStageEvaluator(store);
    this.transaction = new StageTransaction(store, persistence);
    this.inputs.onAssignment(async () => {
      this.idleness.assigned();
      this.transaction.reloadBeforeNextBatch();
    });
    await this.inputs.start((batch) => this.transaction.run(() => this.evaluate(batch), (out) => this.publish(out)));
    this.idleTimer = setInterval(() => void this.announceIdle(), IDLE_CHECK_MS);
    this.idleTimer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.idleTimer);
    await this.inputs.stop();
  }

  private evaluate(batch: ConsumedEvent<ZoneInput>[]): ZoneStageOutput {
    const out: ZoneStageOutput = { outcomes: [], signals: [] };
    for (const { event } of batch) {
      const zone = this.catalog.zone(event.zoneId);
      if (!zone) continue; // retired since stage one judged it
      // This instance owns the zone's partition: it waits for the zone's stations, and learns who announces.
      // After a rebalance the wait restarts for every source the zone's rules hear: its stations, and whoever
      // announced before (a forecast gauge, a station not in the registry), so a dead feed is still declared idle.
      this.idleness.expect(zone.id, [...this.catalog.stationsOf(zone.id).map(observationSource), ...this.evaluator.knownSources(zone.id)]);
      if (event.kind === 'progress' && event.at !== null) this.idleness.heard(zone.id, event.source);
      const step = this.evaluator.apply(event, zone, (rule) => this.catalog.expectedStations(zone, rule));
      out.outcomes.push(...step.outcomes);
      out.signals.push(...step.signals);
    }
    return out;
  }

  private async publish(out: ZoneStageOutput): Promise<void> {
    await this.publisher.publish(ZoneRiskV1, out.outcomes);
    await this.publisher.publish(AlertSignalsV1, out.signals);
    for (const s of out.signals) this.metrics.signals.inc({ kind: s.kind, rule_kind: s.ruleKind ?? 'unknown' });
  }

  /**
   * A source silent on the wall clock (its feed stopped, or never started) stops holding the zone's rules back:
   * the word goes through zone-inputs.v1 like any input, so where it falls among the data is recorded. A failed
   * publish is simply offered again on the next tick.
   */
  private async announceIdle(): Promise<void> {
    const idle = this.idleness.newlyIdle();
    if (idle.length === 0) return;
    const inputs: ZoneInput[] = idle.map(({ zoneId, source }) => ({ kind: 'progress', zoneId, source, at: null, idle: true }));
    try {
      await this.publisher.publish(ZoneInputsV1, inputs);
      for (const { zoneId, source } of idle) this.idleness.reportedIdle(zoneId, source);
    } catch {
      return; // retried on the next tick; the publisher's errors show in readiness and metrics
    }
  }
}
