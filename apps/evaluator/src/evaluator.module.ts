// The evaluator app: observations and forecasts → zone risk → alert signals, in two stages (by station, by zone).
import { DynamicModule, Module } from '@nestjs/common';
import { KLIMAVAGT_CONFIG, KlimavagtConfig } from '@klimavagt/config';
import { ForecastStreamV1, ObservationStreamV1, ZoneInputsV1 } from '@klimavagt/contracts';
import { EvaluatorMetrics } from '@klimavagt/observability';
import { batchConsumerProvider, PlatformModule, repositoryProvider } from '@klimavagt/platform';
import { EvaluatorStateRepository, StationsRepository, ZonesRepository } from '@klimavagt/storage';
import { StationStage } from './stations/station-stage';
import { FORECASTS_STAGE_CONSUMER, OBSERVATIONS_STAGE_CONSUMER, StationStageConsumer } from './stations/station-stage.consumer';
import { SourceIdleness } from './zones/source-idleness';
import { ZoneCatalog } from './zones/zone-catalog';
import { ZONE_INPUTS_CONSUMER, ZoneStageConsumer } from './zones/zone-stage.consumer';

@Module({})
export class EvaluatorModule {
  static forRoot(config: KlimavagtConfig): DynamicModule {
    return {
      module: EvaluatorModule,
      imports: [PlatformModule.forApp('evaluator', config)],
      providers: [
        EvaluatorMetrics,
        repositoryProvider(ZonesRepository),
        repositoryProvider(StationsRepository),
        repositoryProvider(EvaluatorStateRepository),
        batchConsumerProvider(OBSERVATIONS_STAGE_CONSUMER, 'klimavagt-evaluator-stations', ObservationStreamV1, config),
        batchConsumerProvider(FORECASTS_STAGE_CONSUMER, 'klimavagt-evaluator-forecasts', ForecastStreamV1, config),
        batchConsumerProvider(ZONE_INPUTS_CONSUMER, 'klimavagt-evaluator-zones', ZoneInputsV1, config),
        ZoneCatalog,
        StationStage,
        {
          provide: SourceIdleness,
          useFactory: (c: KlimavagtConfig) => new SourceIdleness(c.EVALUATOR_SOURCE_IDLE_MS),
          inject: [KLIMAVAGT_CONFIG],
        },
        StationStageConsumer,
        ZoneStageConsumer,
      ],
    };
  }
}
