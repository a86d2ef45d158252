// Gives an app shell its infrastructure: config, logger, metrics, the database pool, Kafka, a publisher, health.
import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import type { Kafka } from 'kafkajs';
import { ConfigModule, KlimavagtConfig } from '@klimavagt/config';
import { EventPublisher } from '@klimavagt/messaging';
import {
  ConsumerMetrics,
  createLogger,
  createMetricsRegistry,
  LivenessRegistry,
  Logger,
  METRICS_REGISTRY,
  MetricsController,
  ReadinessRegistry,
} from '@klimavagt/observability';
import { DatabasePool, DatabasePoolRegistry } from '@klimavagt/storage';
import { AccessGuard } from './access/access';
import { HealthController } from './health.controller';
import { createPublisher, openDatabase, openKafka } from './infrastructure';
import { APP_NAME, DATABASE_POOL, EVENT_PUBLISHER, KAFKA, LIVENESS, LOGGER, READINESS } from './platform.tokens';

@Global()
@Module({})
export class PlatformModule implements OnApplicationShutdown {
  constructor(
    @Inject(DATABASE_POOL) private readonly db: DatabasePool,
    @Inject(EVENT_PUBLISHER) private readonly publisher: EventPublisher,
  ) {}

  static forApp(app: string, config: KlimavagtConfig): DynamicModule {
    const logger = createLogger(app, config.LOG_LEVEL);
    return {
      module: PlatformModule,
      imports: [ConfigModule.forRoot(config), TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController, MetricsController],
      providers: [
        // Every handler of every app passes the access check (off unless API_KEYS is set).
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_NAME, useValue: app },
        { provide: LOGGER, useValue: logger },
        { provide: METRICS_REGISTRY, useFactory: () => createMetricsRegistry(app) },
        { provide: LIVENESS, useFactory: () => new LivenessRegistry() },
        { provide: READINESS, useFactory: () => new ReadinessRegistry() },
        ConsumerMetrics,
        { provide: DATABASE_POOL, useFactory: () => openDatabase(app, config, logger) },
        { provide: KAFKA, useFactory: () => openKafka(app, config, logger) },
        { provide: EVENT_PUBLISHER, useFactory: (kafka: Kafka) => createPublisher(kafka, config), inject: [KAFKA] },
      ],
      exports: [APP_NAME, LOGGER, METRICS_REGISTRY, LIVENESS, READINESS, ConsumerMetrics, DATABASE_POOL, KAFKA, EVENT_PUBLISHER, ConfigModule],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.publisher.disconnect().catch(() => undefined);
    await DatabasePoolRegistry.release(this.db);
  }
}

export type { Logger };
