// Nest wiring of the configuration: one validated KlimavagtConfig shared by every provider of an app.
import { DynamicModule, Global, Module } from '@nestjs/common';
import { KlimavagtConfig, loadConfig } from './klimavagt-config';

export const KLIMAVAGT_CONFIG = Symbol('KLIMAVAGT_CONFIG');

@Global()
@Module({})
export class ConfigModule {
  /** `config` lets the single-process launcher hand every app the same validated object. */
  static forRoot(config: KlimavagtConfig = loadConfig()): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: KLIMAVAGT_CONFIG, useValue: config }],
      exports: [KLIMAVAGT_CONFIG],
    };
  }
}
