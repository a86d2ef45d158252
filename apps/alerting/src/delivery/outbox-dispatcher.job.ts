// Delivers the outbox: leases due notifications, hands each to its channel, and records the outcome — 2xx
// delivered; retried with exponential backoff and jitter (honouring Retry-After) for at least 72 hours; a 410
// disables the route; a refused target fails at once. A crash mid-delivery leaves the lease to run out, after
// which the same notification (same id) is tried again: at-least-once, duplicates only under the same id.
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { KLIMAVAGT_CONFIG, KlimavagtConfig } from '@klimavagt/config';
import { nextDeliveryAttempt } from '@klimavagt/domain';
import type { DeliveryOutcome } from '@klimavagt/notifications';
import { AlertingMetrics, Logger } from '@klimavagt/observability';
import { LOGGER } from '@klimavagt/platform';
import { DeliveryRecord, LeasedNotification, NotificationOutboxRepository, NotificationRoutesRepository, StoredRoute } from '@klimavagt/storage';
import { NotificationChannels } from './notification-channels';

const LEASE_BATCH = 20;

@Injectable()
export class OutboxDispatcherJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly outbox: NotificationOutboxRepository,
    private readonly routes: NotificationRoutesRepository,
    private readonly channels: NotificationChannels,
    private readonly metrics: AlertingMetrics,
    @Inject(KLIMAVAGT_CONFIG) private readonly config: KlimavagtConfig,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.dispatchDue()
        .catch((error: unknown) => {
          this.metrics.dispatchErrors.inc();
          this.log.warn({ err: error }, 'outbox dispatch round failed; retrying on the next tick');
        })
        .finally(() => (this.running = undefined));
    }, this.config.NOTIFY_DISPATCH_INTERVAL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** One round: until nothing is due (or the app stops). */
  async dispatchDue(): Promise<void> {
    while (!this.stopped) {
      const now = new Date();
      const leased = await this.outbox.lease(now.toISOString(), new Date(now.getTime() + this.config.NOTIFY_LEASE_MS).toISOString(), LEASE_BATCH);
      if (leased.length === 0) return;
      const routes = new Map((await this.routes.list()).map((r) => [r.id, r]));
      // RETURNING does not keep the lease's order; restore it, since alert events must stay in order.
      leased.sort((a, b) => (a.alertId < b.alertId ? -1 : a.alertId > b.alertId ? 1 : a.changeIndex - b.changeIndex));
      const people = leased.filter((n) => n.channel !== 'kafka');
      await Promise.all([
        ...people.map((n) => this.deliverOne(n, n.routeId ? routes.get(n.routeId) : undefined)),
        this.publishInOrder(leased.filter((n) => n.channel === 'kafka')),
      ]);
    }
  }

  /**
   * One at a time, in change order. The lease only hands out an alert's next event once the one before it is
   * delivered, so a failure simply leaves the rest of that alert waiting behind it.
   */
  private async publishInOrder(events: LeasedNotification[]): Promise<void> {
    for (const n of events) await this.deliverOne(n, undefined);
  }

  private async deliverOne(n: LeasedNotification, route: StoredRoute | undefined): Promise<DeliveryRecord> {
    const outcome = await this.channels.deliver(n, route, Math.floor(Date.now() / 1000));
    const at = new Date().toISOString();
    if (outcome.kind === 'gone' && route) {
      await this.routes.setEnabled(route.id, false, at, `endpoint answered 410 Gone at ${at}`);
      this.log.warn({ route: route.id, notification: n.id }, 'webhook endpoint answered 410 Gone: route disabled');
    }
    const record = this.recordOf(n, outcome, at);
    await this.outbox.record(n.id, at, record);
    this.metrics.notificationOutcome(n.channel, outcome.kind, n.attempts);
    return record;
  }

  private recordOf(n: LeasedNotification, outcome: DeliveryOutcome, at: string): DeliveryRecord {
    switch (outcome.kind) {
      case 'delivered':
        return { state: 'delivered', status: outcome.status };
      case 'gone':
        return { state: 'failed', status: 410, error: outcome.reason };
      case 'refused':
        return { state: 'failed', error: outcome.reason };
      case 'retry': {
        const retryAt = nextDeliveryAttempt({
          createdAt: n.createdAt,
          attempts: n.attempts,
          failedAt: at,
          ...(outcome.retryAfterMs !== undefined ? { retryAfterMs: outcome.retryAfterMs } : {}),
          random: Math.random,
        });
        const status = outcome.status !== undefined ? { status: outcome.status } : {};
        if (retryAt === null) return { state: 'failed', ...status, error: `gave up after ${n.attempts} attempts: ${outcome.reason}` };
        return { state: 'pending', retryAt, ...status, error: outcome.reason };
      }
    }
  }
}
