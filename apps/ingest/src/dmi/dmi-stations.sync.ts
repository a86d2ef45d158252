// Loads the station registry from DMI's station endpoints (current records only), limited to the configured bbox.
import { dmiStationToStation, inBbox, Station } from '@klimavagt/domain';
import { DmiClient } from '@klimavagt/feeds';
import { StationsRepository } from '@klimavagt/storage';

export class DmiStationsSync {
  constructor(
    private readonly client: DmiClient,
    private readonly stations: StationsRepository,
    private readonly bbox: readonly [number, number, number, number],
  ) {}

  async syncOnce(): Promise<Station[]> {
    const synced: Station[] = [];
    for (const api of ['metObs', 'oceanObs'] as const) {
      for (const record of await this.client.fetchStations(api)) {
        if (inBbox(record.location, this.bbox)) synced.push(dmiStationToStation(record, api));
      }
    }
    await this.stations.upsert(synced);
    return synced;
  }
}
