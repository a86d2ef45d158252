// The API app: planners' and operators' REST API.
import { DynamicModule, Module } from '@nestjs/common';
import { KlimavagtConfig } from '@klimavagt/config';
import { DATABASE_POOL, PlatformModule } from '@klimavagt/platform';
import { AlertsRepository, DatabasePool, SeaLevelForecastsRepository, InitiativesRepository, ObservationsRepository, StationsRepository, ZoneRiskRepository, ZonesRepository } from '@klimavagt/storage';
import { RiskMapController } from './risk-map/risk-map.controller';
import { RiskMapService } from './risk-map/risk-map.service';
import { ReportsController } from './reports/reports.controller';
import { ReportsService } from './reports/reports.service';
import { ZoneGaugeSeriesSource } from './reports/zone-gauge-series';
import { ObservationsController } from './observations/observations.controller';
import { StationsController } from './stations/stations.controller';
import { ZonesController } from './zones/zones.controller';
import { RuleBacktestController } from './zones/rule-backtest.controller';
import { ZonesService } from './zones/zones.service';
import { ZonesSeedBootstrap } from './zones/zones-seed.bootstrap';
import { InitiativesController } from './initiatives/initiatives.controller';
import { InitiativesService } from './initiatives/initiatives.service';
import { InitiativesSeedBootstrap } from './initiatives/initiatives-seed.bootstrap';

@Module({})
export class ApiModule {
  static forRoot(config: KlimavagtConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [PlatformModule.forApp('api', config)],
      controllers: [ObservationsController, StationsController, ZonesController, RuleBacktestController, InitiativesController, RiskMapController, ReportsController],
      providers: [
        { provide: ObservationsRepository, useFactory: (db: DatabasePool) => new ObservationsRepository(db), inject: [DATABASE_POOL] },
        { provide: StationsRepository, useFactory: (db: DatabasePool) => new StationsRepository(db), inject: [DATABASE_POOL] },
        { provide: ZonesRepository, useFactory: (db: DatabasePool) => new ZonesRepository(db), inject: [DATABASE_POOL] },
        ZonesService,
        ZonesSeedBootstrap,
        { provide: InitiativesRepository, useFactory: (db: DatabasePool) => new InitiativesRepository(db), inject: [DATABASE_POOL] },
        InitiativesService,
        InitiativesSeedBootstrap,
        { provide: AlertsRepository, useFactory: (db: DatabasePool) => new AlertsRepository(db), inject: [DATABASE_POOL] },
        { provide: SeaLevelForecastsRepository, useFactory: (db: DatabasePool) => new SeaLevelForecastsRepository(db), inject: [DATABASE_POOL] },
        { provide: ZoneRiskRepository, useFactory: (db: DatabasePool) => new ZoneRiskRepository(db), inject: [DATABASE_POOL] },
        RiskMapService,
        ZoneGaugeSeriesSource,
        ReportsService,
      ],
    };
  }
}
