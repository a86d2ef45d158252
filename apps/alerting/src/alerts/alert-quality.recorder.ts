// Turns committed alert transitions into metrics (time to acknowledge and resolve, flaps, short-lived and
// degraded alerts) and wires the scrape-time gauges (open alerts, outbox depth) to the database.
import { Injectable, OnModuleInit } from '@nestjs/common';
import { timeMs } from '@klimavagt/domain';
import { AlertingMetrics } from '@klimavagt/observability';
import { AlertsRepository, NotificationOutboxRepository } from '@klimavagt/storage';
import { AlertLedger, CommittedTransition } from './alert-ledger.service';

/** Resolved this soon after opening: probably a false alarm worth a look at the rule's levels. */
const SHORT_LIVED_MS = 15 * 60_000;

@Injectable()
export class AlertQualityRecorder implements OnModuleInit {
  constructor(
    private readonly ledger: AlertLedger,
    private readonly metrics: AlertingMetrics,
    private readonly alerts: AlertsRepository,
    private readonly outbox: NotificationOutboxRepository,
  ) {}

  onModuleInit(): void {
    this.metrics.collectFrom({ openAlerts: () => this.alerts.openCounts(), outbox: () => this.outbox.depth() });
    this.ledger.onCommitted((t) => this.record(t));
  }

  private record({ after, changes }: CommittedTransition): void {
    // Alert quality (flaps, short-lived, degraded) judges a zone's rule; an operational alert has neither.
    const labels = after.zoneId === null ? undefined : { zone: after.zoneId, rule: after.ruleId };
    for (const change of changes) {
      this.metrics.transitions.inc({ change: change.kind });
      const sinceOpenS = (timeMs(change.at) - timeMs(after.openedAt)) / 1000;
      if (change.kind === 'acknowledged') this.metrics.timeToAcknowledge.observe({ severity: after.severity }, Math.max(0, sinceOpenS));
      if (change.kind === 'resolved') {
        this.metrics.timeToResolve.observe({ severity: after.severity }, Math.max(0, sinceOpenS));
        if (labels && sinceOpenS * 1000 < SHORT_LIVED_MS) this.metrics.shortLived.inc(labels);
      }
      if (labels && change.kind === 'reopened') this.metrics.flaps.inc(labels);
      if (labels && change.kind === 'degraded') this.metrics.degraded.inc(labels);
    }
  }
}
