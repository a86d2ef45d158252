// The evaluator's view of zones and stations: which zones each station judges (spatial index), refreshed
// from the database so a planner's edits take effect without a restart.
import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { Station, Zone, ZoneRule } from '@klimavagt/domain';
import { ZoneIndex } from '@klimavagt/geo';
import { Logger } from '@klimavagt/observability';
import { LOGGER } from '@klimavagt/platform';
import { StationsRepository, ZonesRepository } from '@klimavagt/storage';

const REFRESH_MS = 60_000;

interface Snapshot {
  zones: Map<string, Zone>;
  stations: Map<string, Station>;
  index: ZoneIndex;
  /** zone id → station ids that judge it. */
  stationsOfZone: Map<string, string[]>;
}

@Injectable()
export class ZoneCatalog implements OnModuleInit, OnApplicationShutdown {
  private snapshot?: Snapshot;
  private readonly byStation = new Map<string, Zone[]>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly zones: ZonesRepository,
    private readonly stations: StationsRepository,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh().catch((error) => this.log.warn({ err: error }, 'zone refresh failed; keeping the last catalogue')), REFRESH_MS);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async refresh(): Promise<void> {
    const [zones, stations] = await Promise.all([this.zones.listCurrent(), this.stations.list()]);
    const index = ZoneIndex.build(zones);
    const stationsOfZone = new Map<string, string[]>();
    const zoneMap = new Map(zones.map((z) => [z.id, z]));
    this.byStation.clear();
    for (const station of stations) {
      const judged = index.zonesThreatenedBy({ id: station.id, location: station.location }).map((t) => zoneMap.get(t.zoneId)!);
      this.byStation.set(station.id, judged);
      for (const zone of judged) stationsOfZone.set(zone.id, [...(stationsOfZone.get(zone.id) ?? []), station.id]);
    }
    this.snapshot = { zones: zoneMap, stations: new Map(stations.map((s) => [s.id, s])), index, stationsOfZone };
  }

  /** Zones a station judges; a station missing from the registry judges only zones naming it as representative. */
  zonesJudgedBy(stationId: string): Zone[] {
    const known = this.byStation.get(stationId);
    if (known) return known;
    return [...(this.snapshot?.zones.values() ?? [])].filter((z) => z.representativeStationIds.includes(stationId));
  }

  /** The registry's stations that judge the zone (inside, nearby or representative). */
  stationsOf(zoneId: string): string[] {
    return this.snapshot?.stationsOfZone.get(zoneId) ?? [];
  }

  zone(id: string): Zone | undefined {
    return this.snapshot?.zones.get(id);
  }

  /** The zone's stations that report the rule's parameter: the electorate of its vote. */
  expectedStations(zone: Zone, rule: ZoneRule): string[] {
    const parameter = 'parameter' in rule.spec ? rule.spec.parameter : undefined;
    return (this.snapshot?.stationsOfZone.get(zone.id) ?? []).filter((id) => {
      const station = this.snapshot?.stations.get(id);
      return parameter === undefined || (station?.parameters.includes(parameter) ?? false);
    });
  }
}
