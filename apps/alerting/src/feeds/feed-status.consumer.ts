// Consumes feed-status.v1; a batch's offsets are committed only after its statuses (and any recovery they
// bring) are committed. Tells FeedOutages when the backlog waiting at start has been read.
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { FeedStatusV1 } from '@klimavagt/contracts';
import { BatchConsumer } from '@klimavagt/messaging';
import { LivenessRegistry } from '@klimavagt/observability';
import { LIVENESS } from '@klimavagt/platform';
import { FeedOutages } from './feed-outages.service';

export const FEED_STATUS_CONSUMER = Symbol('FEED_STATUS_CONSUMER');

@Injectable()
export class FeedStatusConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  /** Partitions that had unread statuses when first assigned; caught up once each has handled a batch. */
  private waiting?: Set<number>;

  constructor(
    @Inject(FEED_STATUS_CONSUMER) private readonly statuses: BatchConsumer<FeedStatusV1>,
    private readonly outages: FeedOutages,
    @Inject(LIVENESS) liveness: LivenessRegistry,
  ) {
    liveness.register({ name: 'feed-status', liveness: () => this.statuses.liveness() });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.statuses.onAssignment(async (assignment) => {
      if (this.waiting) return; // only the backlog found at start matters
      this.waiting = new Set(assignment.filter((a) => a.hasBacklog).map((a) => a.partition));
      this.settle();
    });
    await this.statuses.start(async (batch, source) => {
      await this.outages.record(
        batch.map(({ event: s }) => ({ feed: s.feed, outcome: s.outcome, intervalMs: s.intervalMs, reportedAt: s.reportedAt, ...(s.reason ? { reason: s.reason } : {}) })),
      );
      this.waiting?.delete(source.partition);
      this.settle();
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.statuses.stop();
  }

  private settle(): void {
    if (this.waiting && this.waiting.size === 0) this.outages.markCaughtUp();
  }
}
