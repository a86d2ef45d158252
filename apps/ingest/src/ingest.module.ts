// The ingest app: DMI feed pollers and sensor push endpoints → Kafka.
import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { KlimavagtConfig } from '@klimavagt/config';
import { IngestMetrics } from '@klimavagt/observability';
import { PlatformModule, repositoryProvider } from '@klimavagt/platform';
import { SensorsRepository, StationsRepository } from '@klimavagt/storage';
import { dmiProviders } from './dmi/dmi.providers';
import { DmiPollingJob } from './dmi/dmi-polling.job';
import { ObservationIntakeService } from './sensors/observation-intake.service';
import { SensorAuthGuard } from './sensors/sensor-auth.guard';
import { SensorProgressJob } from './sensors/sensor-progress.job';
import { AdminTokenCheck } from './sensors/admin-token.check';
import { ReplaysController } from './replay/replays.controller';
import { ScenarioReplayService } from './replay/scenario-replay.service';
import { SensorObservationsController } from './sensors/sensor-observations.controller';
import { SensorRegistrationController } from './sensors/sensor-registration.controller';

@Module({})
export class IngestModule {
  static forRoot(config: KlimavagtConfig): DynamicModule {
    return {
      module: IngestModule,
      imports: [PlatformModule.forApp('ingest', config), ScheduleModule.forRoot()],
      controllers: [SensorObservationsController, SensorRegistrationController, ReplaysController],
      providers: [
        IngestMetrics,
        repositoryProvider(SensorsRepository),
        repositoryProvider(StationsRepository),
        SensorAuthGuard,
        AdminTokenCheck,
        ScenarioReplayService,
        ObservationIntakeService,
        SensorProgressJob,
        ...dmiProviders,
        DmiPollingJob,
      ],
    };
  }
}
