// Escalates firing alerts nobody acknowledged in time, checked on a wall-clock interval (escalation is about
// people not answering, so it runs on the clock, unlike the evaluator's event time).
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { KLIMAVAGT_CONFIG, KlimavagtConfig } from '@klimavagt/config';
import { AlertingMetrics, Logger } from '@klimavagt/observability';
import { LOGGER } from '@klimavagt/platform';
import { AlertLedger } from '../alerts/alert-ledger.service';

@Injectable()
export class EscalationJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly ledger: AlertLedger,
    private readonly metrics: AlertingMetrics,
    @Inject(KLIMAVAGT_CONFIG) private readonly config: KlimavagtConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.ledger
        .escalateDue(new Date().toISOString())
        .then(() => undefined)
        .catch((error: unknown) => {
          this.metrics.escalationErrors.inc();
          this.log.warn({ err: error }, 'escalation check failed; retrying on the next tick');
        })
        .finally(() => (this.running = undefined));
    }, this.config.ALERT_ESCALATION_CHECK_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
