// Seeds Assens' stations and illustrative zones at start-up when no zone was ever stored. Idempotent, and safe
// when several API instances start together: the zones are written all-or-nothing under an advisory lock.
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Logger } from '@klimavagt/observability';
import { LOGGER } from '@klimavagt/platform';
import { StationsRepository, ZonesRepository } from '@klimavagt/storage';
import { seedAssensStations, seedAssensZonesIfEmpty } from './assens-seed';

@Injectable()
export class ZonesSeedBootstrap implements OnApplicationBootstrap {
  constructor(
    private readonly zones: ZonesRepository,
    private readonly stations: StationsRepository,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // A failed seed must not keep the API down: the zones can be created through the API as well.
    try {
      const stations = await seedAssensStations(this.stations);
      const zones = await seedAssensZonesIfEmpty(this.zones);
      if (stations > 0 || zones > 0) this.log.info({ stations, zones }, 'seeded Assens stations and illustrative zones');
    } catch (error) {
      this.log.error({ err: error }, 'seeding Assens zones failed; the API serves without them');
    }
  }
}
