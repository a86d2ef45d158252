// Owns feed outages on the alerting side: takes feed-status.v1 (the last success and failure of each feed, and
// the recovery of a feed that was out) and checks, by wall clock, which watched feeds have been silent too long.
// Each feed's change commits in one transaction holding the feed's row lock, its alert and its outbox entries.
import { Inject, Injectable } from '@nestjs/common';
import { KLIMAVAGT_CONFIG, KlimavagtConfig } from '@klimavagt/config';
import { feedOutageFingerprint, feedOutageSignal, feedRecoverySignal, feedsOut, type FeedHealth } from '@klimavagt/domain';
import { FeedOutageMetrics } from '@klimavagt/observability';
import { FeedHealthRepository, FeedStatusRecord } from '@klimavagt/storage';
import { AlertContextSource } from '../alerts/alert-context';
import { AlertLedger, CommittedTransition } from '../alerts/alert-ledger.service';

@Injectable()
export class FeedOutages {
  /** This instance's start: a watched feed never heard of is silent since then. */
  readonly watchingSince = new Date().toISOString();
  private caughtUp = false;

  constructor(
    private readonly health: FeedHealthRepository,
    private readonly ledger: AlertLedger,
    private readonly context: AlertContextSource,
    metrics: FeedOutageMetrics,
    @Inject(KLIMAVAGT_CONFIG) private readonly config: KlimavagtConfig,
  ) {
    metrics.collectFrom(async () => ({ watched: config.FEED_OUTAGE_FEEDS, standing: await health.standingOutages() }));
  }

  /** The status backlog waiting at start has been read: stored last successes can be trusted from now on. */
  markCaughtUp(): void {
    this.caughtUp = true;
  }

  /** Statuses in order; per feed one transaction, and a success newer than an outage's resolves it. */
  async record(statuses: readonly FeedStatusRecord[]): Promise<void> {
    if (statuses.length === 0) return;
    const now = new Date().toISOString();
    const ctx = await this.context.load(now, []);
    const committed: CommittedTransition[] = [];
    for (const feed of [...new Set(statuses.map((s) => s.feed))].sort()) {
      const mine = statuses.filter((s) => s.feed === feed);
      const done = await this.health.transaction(feed, async (tx, alerts) => {
        for (const status of mine) await tx.record(status);
        const okAt = mine.filter((s) => s.outcome === 'ok').map((s) => s.reportedAt).sort().pop();
        if (!okAt) return undefined;
        const stored = await alerts.lockLatest(feedOutageFingerprint(feed));
        const signal = feedRecoverySignal(stored?.alert, okAt, now);
        return signal ? this.ledger.applyOperationalSignal(alerts, signal, ctx, now) : undefined;
      });
      if (done) committed.push(done);
    }
    this.ledger.announce(committed);
  }

  /** Opens (or keeps) an outage alert for every watched feed silent past its limit at `now`; returns those feeds. */
  async check(now: string): Promise<string[]> {
    const feeds = this.config.FEED_OUTAGE_FEEDS;
    if (feeds.length === 0) return [];
    const judge = (health: readonly FeedHealth[], only: readonly string[]) =>
      feedsOut({ feeds: only, health, afterMs: this.config.FEED_OUTAGE_AFTER_MS, watchingSince: this.watchingSince, caughtUp: this.caughtUp, now });
    const candidates = judge(await this.health.list(), feeds);
    if (candidates.length === 0) return [];
    const ctx = await this.context.load(now, []);
    const committed: CommittedTransition[] = [];
    const out: string[] = [];
    for (const { feed } of candidates) {
      const done = await this.health.transaction(feed, async (tx, alerts) => {
        // Judged again under the lock: a success recorded meanwhile wins.
        const [outage] = judge([await tx.lock()], [feed]);
        if (!outage) return undefined;
        out.push(feed);
        return this.ledger.applyOperationalSignal(alerts, feedOutageSignal(outage, now), ctx, now);
      });
      if (done) committed.push(done);
    }
    this.ledger.announce(committed);
    return out;
  }
}
