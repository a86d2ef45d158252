// The evaluator app: observations → zone risk → alert signals. So far the shell: health, metrics, connections.
import { DynamicModule, Module } from '@nestjs/common';
import { KlimavagtConfig } from '@klimavagt/config';
import { PlatformModule } from '@klimavagt/platform';

@Module({})
export class EvaluatorModule {
  static forRoot(config: KlimavagtConfig): DynamicModule {
    return { module: EvaluatorModule, imports: [PlatformModule.forApp('evaluator', config)] };
  }
}
