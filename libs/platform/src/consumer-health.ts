// A consumer's stall as operators meet it: /health/ready down, klimavagt_consumer_stalled = 1, and one error
// log line when it starts (with the reason) and one when it ends — not one per retry.
import type { BatchConsumer, BatchConsumerObserver, StallReport } from '@klimavagt/messaging';
import type { ConsumerMetrics, Logger, ReadinessRegistry } from '@klimavagt/observability';

/** The observer half: logs and the gauge; `inner` (e.g. RecorderMetrics) still receives everything. */
export function stallReporting(log: Logger, metrics: ConsumerMetrics, inner?: BatchConsumerObserver): BatchConsumerObserver {
  return {
    batchHandled: inner?.batchHandled?.bind(inner),
    deadLettered: inner?.deadLettered?.bind(inner),
    retrying: inner?.retrying?.bind(inner),
    lag: inner?.lag?.bind(inner),
    stalled(report: StallReport) {
      metrics.stalled.set({ topic: report.topic, group: report.group }, 1);
      log.error(
        { topic: report.topic, group: report.group, partition: report.partition, code: report.code, reason: report.reason },
        `consumer ${report.group} stalled on ${report.topic}: ${report.reason} — retrying the batch with nothing committed and nothing dead-lettered`,
      );
      inner?.stalled?.(report);
    },
    recovered(report) {
      metrics.stalled.set({ topic: report.topic, group: report.group }, 0);
      log.warn(
        { topic: report.topic, group: report.group, stalledSeconds: Math.round(report.stalledSeconds), released: report.released },
        report.released
          ? `consumer ${report.group} on ${report.topic} gave its stalled partitions up (revoked or stopping) after ${Math.round(report.stalledSeconds)} s`
          : `consumer ${report.group} recovered on ${report.topic} after a ${Math.round(report.stalledSeconds)} s stall`,
      );
      inner?.recovered?.(report);
    },
  };
}

/** The readiness half: the app is not ready while the consumer is stalled; the gauge starts at 0. */
export function registerConsumerHealth(consumer: BatchConsumer<unknown>, readiness: ReadinessRegistry, metrics: ConsumerMetrics): void {
  metrics.stalled.set({ topic: consumer.topic(), group: consumer.groupId() }, 0);
  readiness.register({
    name: `consumer ${consumer.groupId()}`,
    readiness: () => {
      const status = consumer.stallStatus();
      if (!status.stalled) return { ready: true };
      return { ready: false, reason: `stalled: ${status.reason}`, since: status.since, partitions: status.partitions };
    },
  });
}
