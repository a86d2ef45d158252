// Seeds Assens' robustness initiatives at start-up when none is stored, after the zones they name (seeded first if
// still empty). Idempotent, and safe when several API instances start together (advisory locks, all-or-nothing).
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Logger } from '@klimavagt/observability';
import { LOGGER } from '@klimavagt/platform';
import { InitiativesRepository, InitiativeUnknownZonesError, ZonesRepository } from '@klimavagt/storage';
import { seedAssensInitiativesIfEmpty } from './assens-initiatives-seed';

@Injectable()
export class InitiativesSeedBootstrap implements OnApplicationBootstrap {
  constructor(
    private readonly initiatives: InitiativesRepository,
    private readonly zones: ZonesRepository,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // A failed seed must not keep the API down: initiatives can be created through the API as well.
    try {
      const created = await seedAssensInitiativesIfEmpty(this.initiatives, this.zones);
      if (created > 0) this.log.info({ initiatives: created }, 'seeded Assens robustness initiatives');
    } catch (error) {
      if (error instanceof InitiativeUnknownZonesError) {
        // Zones were stored before, without the seed zones: the seed initiatives would point nowhere.
        this.log.warn({ zoneIds: error.zoneIds }, `not seeding initiatives: ${error.message}`);
        return;
      }
      this.log.error({ err: error }, 'seeding Assens initiatives failed; the API serves without them');
    }
  }
}
