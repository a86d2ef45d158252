// The alerting app's Prometheus series: open alerts, notifications by channel and outcome, time to
// acknowledge and resolve, outbox depth, and alert quality per zone and rule (flaps, short-lived, degraded).
import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { METRICS_REGISTRY } from './metrics.controller';

type Counts<L extends string> = () => Promise<({ [K in L]: string } & { count: number })[]>;

const RESULT_OF: Record<string, string> = { delivered: 'sent', retry: 'retried', gone: 'failed', refused: 'failed' };

@Injectable()
export class AlertingMetrics {
  readonly notifications: Counter<'channel' | 'result'>;
  readonly deliveryAttempts: Histogram<'channel'>;
  readonly timeToAcknowledge: Histogram<'severity'>;
  readonly timeToResolve: Histogram<'severity'>;
  readonly transitions: Counter<'change'>;
  readonly flaps: Counter<'zone' | 'rule'>;
  readonly shortLived: Counter<'zone' | 'rule'>;
  readonly degraded: Counter<'zone' | 'rule'>;
  readonly dispatchErrors: Counter;
  readonly escalationErrors: Counter;
  private openAlerts?: Counts<'severity' | 'hazard'>;
  private outbox?: () => Promise<{ channel: string; count: number; oldest: string }[]>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    const registers = [registry];
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the collect callbacks run with the gauge as `this`
    const self = this;
    // Collected at scrape time from the database, so every instance reports the same truth.
    new Gauge({
      name: 'klimavagt_alerts_open',
      help: 'Open (firing or acknowledged) alerts by severity and hazard',
      labelNames: ['severity', 'hazard'],
      registers,
      collect: async function (this: Gauge<'severity' | 'hazard'>) {
        this.reset();
        for (const r of (await self.openAlerts?.()) ?? []) this.set({ severity: r.severity, hazard: r.hazard }, r.count);
      },
    });
    new Gauge({
      name: 'klimavagt_notification_outbox_depth',
      help: 'Notifications waiting in the outbox (not yet delivered, not given up), by channel',
      labelNames: ['channel'],
      registers,
      collect: async function (this: Gauge<'channel'>) {
        this.reset();
        for (const r of (await self.outbox?.()) ?? []) this.set({ channel: r.channel }, r.count);
      },
    });
    new Gauge({
      name: 'klimavagt_notification_outbox_oldest_age_seconds',
      help: 'Age of the oldest notification still waiting in the outbox, by channel',
      labelNames: ['channel'],
      registers,
      collect: async function (this: Gauge<'channel'>) {
        this.reset();
        for (const r of (await self.outbox?.()) ?? []) this.set({ channel: r.channel }, Math.max(0, (Date.now() - Date.parse(r.oldest)) / 1000));
      },
    });
    this.notifications = new Counter({
      name: 'klimavagt_notifications_total',
      help: 'Notification delivery attempts by channel and result (sent, retried, failed)',
      labelNames: ['channel', 'result'],
      registers,
    });
    this.deliveryAttempts = new Histogram({
      name: 'klimavagt_notification_attempts',
      help: 'Attempts a notification took until it was delivered',
      labelNames: ['channel'],
      buckets: [1, 2, 3, 5, 8, 13, 21],
      registers,
    });
    const minutes = [60, 300, 600, 1800, 3600, 7200, 21600, 86400];
    this.timeToAcknowledge = new Histogram({
      name: 'klimavagt_alert_time_to_acknowledge_seconds',
      help: 'From an alert (re)opening to its acknowledgement',
      labelNames: ['severity'],
      buckets: minutes,
      registers,
    });
    this.timeToResolve = new Histogram({
      name: 'klimavagt_alert_time_to_resolve_seconds',
      help: 'From an alert opening to its resolve',
      labelNames: ['severity'],
      buckets: minutes,
      registers,
    });
    this.transitions = new Counter({ name: 'klimavagt_alert_changes_total', help: 'Alert changes by kind', labelNames: ['change'], registers });
    this.flaps = new Counter({ name: 'klimavagt_alert_flaps_total', help: 'Alerts reopened within the reopen window, by zone and rule', labelNames: ['zone', 'rule'], registers });
    this.shortLived = new Counter({
      name: 'klimavagt_alert_short_lived_total',
      help: 'Alerts resolved within 15 minutes of opening (likely false alarms), by zone and rule',
      labelNames: ['zone', 'rule'],
      registers,
    });
    this.degraded = new Counter({
      name: 'klimavagt_alert_degraded_total',
      help: 'Alerts whose zone lost its gauges (silent or suspect sensors), by zone and rule',
      labelNames: ['zone', 'rule'],
      registers,
    });
    this.dispatchErrors = new Counter({ name: 'klimavagt_notification_dispatch_errors_total', help: 'Outbox dispatch rounds that failed (database down)', registers });
    this.escalationErrors = new Counter({ name: 'klimavagt_alert_escalation_errors_total', help: 'Escalation checks that failed', registers });
  }

  /** The app supplies the database reads behind the scrape-time gauges. */
  collectFrom(sources: { openAlerts: Counts<'severity' | 'hazard'>; outbox: () => Promise<{ channel: string; count: number; oldest: string }[]> }): void {
    this.openAlerts = sources.openAlerts;
    this.outbox = sources.outbox;
  }

  notificationOutcome(channel: string, outcome: 'delivered' | 'retry' | 'gone' | 'refused', attempts: number): void {
    this.notifications.inc({ channel, result: RESULT_OF[outcome] });
    if (outcome === 'delivered') this.deliveryAttempts.observe({ channel }, attempts);
  }
}
