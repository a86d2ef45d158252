// Ingest's Prometheus series: observations accepted and rejected by source and reason, and feed health.
import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Registry } from 'prom-client';
import { METRICS_REGISTRY } from './metrics.controller';

@Injectable()
export class IngestMetrics {
  readonly accepted: Counter<'source'>;
  readonly rejected: Counter<'source' | 'reason'>;
  readonly feedLastSuccess: Gauge<'feed'>;
  readonly feedLag: Gauge<'feed'>;
  readonly feedRequests: Counter<'feed' | 'outcome'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.accepted = new Counter({
      name: 'klimavagt_observations_accepted_total',
      help: 'Observations accepted and acknowledged by Kafka, by source',
      labelNames: ['source'],
      registers: [registry],
    });
    this.rejected = new Counter({
      name: 'klimavagt_observations_rejected_total',
      help: 'Observations refused (HTTP 4xx item or dead letter), by source and reason code',
      labelNames: ['source', 'reason'],
      registers: [registry],
    });
    this.feedLastSuccess = new Gauge({
      name: 'klimavagt_feed_last_success_timestamp_seconds',
      help: 'Unix time of the last fully published poll window, per feed',
      labelNames: ['feed'],
      registers: [registry],
    });
    this.feedLag = new Gauge({
      name: 'klimavagt_feed_lag_seconds',
      help: 'How far the feed cursor is behind now, per feed',
      labelNames: ['feed'],
      registers: [registry],
    });
    this.feedRequests = new Counter({
      name: 'klimavagt_feed_polls_total',
      help: 'Poll cycles per feed and outcome (ok, failed)',
      labelNames: ['feed', 'outcome'],
      registers: [registry],
    });
  }
}
