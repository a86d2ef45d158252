// Every consumer's stall as a Prometheus series: klimavagt_consumer_stalled{topic,group} is 1 while an outage
// holds a batch back (infra/prometheus/rules/consumers.rules.yml pages on it), 0 otherwise.
import { Inject, Injectable } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { METRICS_REGISTRY } from './metrics.controller';

@Injectable()
export class ConsumerMetrics {
  readonly stalled: Gauge;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.stalled = new Gauge({
      name: 'klimavagt_consumer_stalled',
      help: '1 while the consumer retries a batch held back by an outage (nothing committed, nothing dead-lettered), 0 otherwise',
      labelNames: ['topic', 'group'],
      registers: [registry],
    });
  }
}
