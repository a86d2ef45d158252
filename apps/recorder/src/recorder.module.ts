// The recorder app: Kafka observations.v1, sea-level-forecasts.v1, zone-risk.v1 → TimescaleDB; nothing lost or doubled.
import { DynamicModule, Module } from '@nestjs/common';
import { KlimavagtConfig } from '@klimavagt/config';
import { ForecastStreamV1, ObservationStreamV1, ZoneRiskV1 } from '@klimavagt/contracts';
import { RecorderMetrics } from '@klimavagt/observability';
import { batchConsumerProvider, PlatformModule, repositoryProvider } from '@klimavagt/platform';
import { ObservationsRepository, SeaLevelForecastsRepository, ZoneRiskRepository } from '@klimavagt/storage';
import { FORECASTS_CONSUMER, ForecastsRecorder } from './forecasts/forecasts.recorder';
import { OBSERVATIONS_CONSUMER, ObservationsRecorder } from './observations/observations.recorder';
import { ZONE_RISK_CONSUMER, ZoneRiskRecorder } from './zone-risk/zone-risk.recorder';

@Module({})
export class RecorderModule {
  static forRoot(config: KlimavagtConfig): DynamicModule {
    return {
      module: RecorderModule,
      imports: [PlatformModule.forApp('recorder', config)],
      providers: [
        RecorderMetrics,
        repositoryProvider(ObservationsRepository),
        batchConsumerProvider(OBSERVATIONS_CONSUMER, 'klimavagt-recorder', ObservationStreamV1, config, RecorderMetrics),
        ObservationsRecorder,
        repositoryProvider(SeaLevelForecastsRepository),
        batchConsumerProvider(FORECASTS_CONSUMER, 'klimavagt-recorder-forecasts', ForecastStreamV1, config),
        ForecastsRecorder,
        repositoryProvider(ZoneRiskRepository),
        batchConsumerProvider(ZONE_RISK_CONSUMER, 'klimavagt-recorder-zone-risk', ZoneRiskV1, config),
        ZoneRiskRecorder,
      ],
    };
  }
}
