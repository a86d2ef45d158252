// The ingest app: DMI feed pollers and sensor push endpoints → Kafka.
import { DynamicModule, Module } from '@nestjs/common';
import { KlimavagtConfig } from '@klimavagt/config';
import { PlatformModule } from '@klimavagt/platform';

@Module({})
export class IngestModule {
  static forRoot(config: KlimavagtConfig): DynamicModule {
    return { module: IngestModule, imports: [PlatformModule.forApp('ingest', config)] };
  }
}
