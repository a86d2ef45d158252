// Consumes the evaluator's alert signals; a batch's offsets are committed only after its transitions (and their
// outbox entries) are committed, and a re-delivered batch is recognised signal by signal (same signalId).
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { IdentifiedAlertSignal } from '@klimavagt/domain';
import { BatchConsumer } from '@klimavagt/messaging';
import { LivenessRegistry } from '@klimavagt/observability';
import { LIVENESS } from '@klimavagt/platform';
import { AlertLedger } from './alert-ledger.service';

export const ALERT_SIGNALS_CONSUMER = Symbol('ALERT_SIGNALS_CONSUMER');

@Injectable()
export class AlertSignalsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(ALERT_SIGNALS_CONSUMER) private readonly signals: BatchConsumer<IdentifiedAlertSignal>,
    private readonly ledger: AlertLedger,
    @Inject(LIVENESS) liveness: LivenessRegistry,
  ) {
    liveness.register({ name: 'alert-signals', liveness: () => this.signals.liveness() });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.signals.start(async (batch) => {
      await this.ledger.applySignals(batch.map((b) => b.event));
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.signals.stop();
  }
}
