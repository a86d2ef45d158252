// The recorder's Prometheus series: batch sizes, write latency, rows written, dead letters, retries, consumer lag.
import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { METRICS_REGISTRY } from './metrics.controller';
import type { BatchConsumerObserver } from '@klimavagt/messaging';

@Injectable()
export class RecorderMetrics implements BatchConsumerObserver {
  readonly batchSize: Histogram;
  readonly writeSeconds: Histogram;
  readonly rowsWritten: Counter;
  readonly deadLetters: Counter;
  readonly retries: Counter;
  readonly consumerLag: Gauge;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.batchSize = new Histogram({
      name: 'klimavagt_recorder_batch_size_messages',
      help: 'Messages per consumed batch',
      labelNames: ['topic'],
      buckets: [1, 10, 50, 100, 250, 500, 1000, 2500, 5000],
      registers: [registry],
    });
    this.writeSeconds = new Histogram({
      name: 'klimavagt_recorder_write_duration_seconds',
      help: 'Time to write one batch to the database, commit included',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    });
    this.rowsWritten = new Counter({
      name: 'klimavagt_recorder_rows_written_total',
      help: 'Observation rows inserted or revised',
      registers: [registry],
    });
    this.deadLetters = new Counter({
      name: 'klimavagt_dead_letters_total',
      help: 'Messages sent to the dead-letter topic, by origin and reason code',
      labelNames: ['origin', 'code'],
      registers: [registry],
    });
    this.retries = new Counter({
      name: 'klimavagt_recorder_batch_retries_total',
      help: 'Batch attempts that failed with a retriable error (database or broker down)',
      labelNames: ['topic'],
      registers: [registry],
    });
    this.consumerLag = new Gauge({
      name: 'klimavagt_consumer_lag_messages',
      help: 'Messages behind the high watermark after the last committed batch, per partition',
      labelNames: ['topic', 'partition'],
      registers: [registry],
    });
  }

  batchHandled(topic: string, _partition: number, size: number): void {
    this.batchSize.observe({ topic }, size);
  }
  deadLettered(origin: string, code: string): void {
    this.deadLetters.inc({ origin, code });
  }
  retrying(topic: string): void {
    this.retries.inc({ topic });
  }
  lag(topic: string, partition: number, lag: number): void {
    this.consumerLag.set({ topic, partition: String(partition) }, lag);
  }
}
