// The alerting app's feed-outage series: klimavagt_feed_outage{feed} is 1 while a feed-outage alert stands for a
// watched feed, else 0 — read from the database at scrape, so every instance reports the same truth.
import { Inject, Injectable } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { METRICS_REGISTRY } from './metrics.controller';

@Injectable()
export class FeedOutageMetrics {
  private source?: () => Promise<{ watched: readonly string[]; standing: readonly string[] }>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the collect callback runs with the gauge as `this`
    const self = this;
    new Gauge({
      name: 'klimavagt_feed_outage',
      help: 'Whether a feed-outage alert stands for the feed (1) or not (0)',
      labelNames: ['feed'],
      registers: [registry],
      collect: async function (this: Gauge<'feed'>) {
        this.reset();
        const now = await self.source?.();
        if (!now) return;
        for (const feed of new Set([...now.watched, ...now.standing])) this.set({ feed }, now.standing.includes(feed) ? 1 : 0);
      },
    });
  }

  /** The app supplies the watched feeds and the database read of the standing outages. */
  collectFrom(source: () => Promise<{ watched: readonly string[]; standing: readonly string[] }>): void {
    this.source = source;
  }
}
