// The alerting app: alert lifecycle and notifications. So far the shell: health, metrics, connections.
import { DynamicModule, Module } from '@nestjs/common';
import { KlimavagtConfig } from '@klimavagt/config';
import { PlatformModule } from '@klimavagt/platform';

@Module({})
export class AlertingModule {
  static forRoot(config: KlimavagtConfig): DynamicModule {
    return { module: AlertingModule, imports: [PlatformModule.forApp('alerting', config)] };
  }
}
