// Provider factories every app shell uses the same way: a batch consumer of one contract, a repository over the pool.
import type { Provider, Type } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { KlimavagtConfig } from '@klimavagt/config';
import type { EventContract } from '@klimavagt/contracts';
import { BatchConsumer, BatchConsumerObserver, EventPublisher } from '@klimavagt/messaging';
import { ConsumerMetrics, Logger, ReadinessRegistry } from '@klimavagt/observability';
import type { DatabasePool } from '@klimavagt/storage';
import { registerConsumerHealth, stallReporting } from './consumer-health';
import { DATABASE_POOL, EVENT_PUBLISHER, KAFKA, LOGGER, READINESS } from './platform.tokens';

/**
 * A consumer group on one contract with the platform's failure policy: dead letters through the app's
 * publisher, bounded attempts for poison, backoff while the database or broker is down or refuses every
 * write (the app is then not ready, klimavagt_consumer_stalled is 1), liveness on fetches.
 * `observer`: a provider class that receives batch metrics (e.g. RecorderMetrics).
 */
export function batchConsumerProvider<T>(
  token: symbol,
  groupId: string,
  contract: EventContract<T>,
  config: KlimavagtConfig,
  observer?: Type<BatchConsumerObserver>,
): Provider {
  return {
    provide: token,
    inject: [KAFKA, EVENT_PUBLISHER, LOGGER, READINESS, ConsumerMetrics, ...(observer ? [observer] : [])],
    useFactory: (
      kafka: Kafka,
      publisher: EventPublisher,
      log: Logger,
      readiness: ReadinessRegistry,
      consumerMetrics: ConsumerMetrics,
      metrics?: BatchConsumerObserver,
    ) => {
      const consumer = new BatchConsumer(kafka, {
        groupId,
        contract,
        deadLetters: publisher,
        maxAttempts: config.CONSUMER_MAX_ATTEMPTS,
        retryBaseMs: 200,
        retryMaxMs: 10_000,
        fetchStallMs: 60_000,
        topicPrefix: config.KAFKA_TOPIC_PREFIX,
        observer: stallReporting(log, consumerMetrics, metrics),
      });
      registerConsumerHealth(consumer as BatchConsumer<unknown>, readiness, consumerMetrics);
      return consumer;
    },
  };
}

/** A repository class whose constructor takes the app's database pool. */
export function repositoryProvider<T>(type: new (db: DatabasePool) => T): Provider {
  return { provide: type, useFactory: (db: DatabasePool) => new type(db), inject: [DATABASE_POOL] };
}
