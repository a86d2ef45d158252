// The evaluator app: observations and forecasts → zone risk → alert signals, in two stages (by station, by zone).
import { DynamicModule, Module } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { KlimavagtConfig } from '@klimavagt/config';
import { EventContract, ObservationsV1, SeaLevelForecastsV1, ZoneInputsV1 } from '@klimavagt/contracts';
import { BatchConsumer, EventPublisher } from '@klimavagt/messaging';
import { DATABASE_POOL, EVENT_PUBLISHER, KAFKA, PlatformModule } from '@klimavagt/platform';
import { DatabasePool, EvaluatorStateRepository, StationsRepository, ZonesRepository } from '@klimavagt/storage';
import { FORECASTS_STAGE_CONSUMER, OBSERVATIONS_STAGE_CONSUMER, StationStageConsumer } from './stations/station-stage.consumer';
import { ZoneCatalog } from './zones/zone-catalog';
import { ZONE_INPUTS_CONSUMER, ZoneStageConsumer } from './zones/zone-stage.consumer';

function consumer<T>(token: symbol, groupId: string, contract: EventContract<T>, config: KlimavagtConfig) {
  return {
    provide: token,
    inject: [KAFKA, EVENT_PUBLISHER],
    useFactory: (kafka: Kafka, publisher: EventPublisher) =>
      new BatchConsumer(kafka, {
        groupId,
        contract,
        deadLetters: publisher,
        maxAttempts: config.RECORDER_MAX_ATTEMPTS,
        retryBaseMs: 200,
        retryMaxMs: 10_000,
        fetchStallMs: 60_000,
        topicPrefix: config.KAFKA_TOPIC_PREFIX,
      }),
  };
}

const repository = <T>(type: new (db: DatabasePool) => T) => ({ provide: type, useFactory: (db: DatabasePool) => new type(db), inject: [DATABASE_POOL] });

@Module({})
export class EvaluatorModule {
  static forRoot(config: KlimavagtConfig): DynamicModule {
    return {
      module: EvaluatorModule,
      imports: [PlatformModule.forApp('evaluator', config)],
      providers: [
        repository(ZonesRepository),
        repository(StationsRepository),
        repository(EvaluatorStateRepository),
        consumer(OBSERVATIONS_STAGE_CONSUMER, 'klimavagt-evaluator-stations', ObservationsV1, config),
        consumer(FORECASTS_STAGE_CONSUMER, 'klimavagt-evaluator-forecasts', SeaLevelForecastsV1, config),
        consumer(ZONE_INPUTS_CONSUMER, 'klimavagt-evaluator-zones', ZoneInputsV1, config),
        ZoneCatalog,
        StationStageConsumer,
        ZoneStageConsumer,
      ],
    };
  }
}
