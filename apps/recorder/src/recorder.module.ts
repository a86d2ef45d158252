// The recorder app: Kafka observations.v1 → TimescaleDB, nothing lost, nothing doubled.
import { DynamicModule, Module } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { KlimavagtConfig } from '@klimavagt/config';
import { ObservationsV1 } from '@klimavagt/contracts';
import { BatchConsumer, EventPublisher } from '@klimavagt/messaging';
import { DATABASE_POOL, EVENT_PUBLISHER, KAFKA, PlatformModule } from '@klimavagt/platform';
import { DatabasePool, ObservationsRepository } from '@klimavagt/storage';
import { OBSERVATIONS_CONSUMER, ObservationsRecorder } from './observations/observations.recorder';
import { RecorderMetrics } from '@klimavagt/observability';

@Module({})
export class RecorderModule {
  static forRoot(config: KlimavagtConfig): DynamicModule {
    return {
      module: RecorderModule,
      imports: [PlatformModule.forApp('recorder', config)],
      providers: [
        RecorderMetrics,
        { provide: ObservationsRepository, useFactory: (db: DatabasePool) => new ObservationsRepository(db), inject: [DATABASE_POOL] },
        {
          provide: OBSERVATIONS_CONSUMER,
          useFactory: (kafka: Kafka, publisher: EventPublisher, metrics: RecorderMetrics) =>
            new BatchConsumer(kafka, {
              groupId: 'klimavagt-recorder',
              contract: ObservationsV1,
              deadLetters: publisher,
              maxAttempts: config.RECORDER_MAX_ATTEMPTS,
              retryBaseMs: 200,
              retryMaxMs: 10_000,
              fetchStallMs: 60_000,
              topicPrefix: config.KAFKA_TOPIC_PREFIX,
              observer: metrics,
            }),
          inject: [KAFKA, EVENT_PUBLISHER, RecorderMetrics],
        },
        ObservationsRecorder,
      ],
    };
  }
}
