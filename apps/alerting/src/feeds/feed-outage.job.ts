// Checks the watched feeds on a wall-clock interval (FEED_OUTAGE_CHECK_MS): silence is about the clock, since a
// feed that sends nothing moves no event time.
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { KLIMAVAGT_CONFIG, KlimavagtConfig } from '@klimavagt/config';
import { Logger } from '@klimavagt/observability';
import { LOGGER } from '@klimavagt/platform';
import { FeedOutages } from './feed-outages.service';

@Injectable()
export class FeedOutageJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly outages: FeedOutages,
    @Inject(KLIMAVAGT_CONFIG) private readonly config: KlimavagtConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.FEED_OUTAGE_FEEDS.length === 0) return;
    this.timer = setInterval(() => {
      this.running ??= this.outages
        .check(new Date().toISOString())
        .then(() => undefined)
        .catch((error: unknown) => this.log.warn({ err: error }, 'feed outage check failed; retrying on the next tick'))
        .finally(() => (this.running = undefined));
    }, this.config.FEED_OUTAGE_CHECK_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
