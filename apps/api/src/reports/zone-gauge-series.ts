// What a zone's reports are computed from: the zone's threshold rule (parameter and levels) and the history of the
// first of its representative gauges that has data for that parameter.
import { Injectable } from '@nestjs/common';
import { isUsableQuality, type LevelSet, type ParameterId, type Zone } from '@klimavagt/domain';
import { ObservationsRepository } from '@klimavagt/storage';

/** DMI's and Kystdirektoratet's cadence; a longer step is a gap in the data, not time above a level. */
export const GAUGE_CADENCE_MS = 10 * 60_000;
const MAX_SAMPLES = 2_000_000;

export interface ZoneGaugeSeries {
  stationId: string | null;
  parameter: ParameterId;
  levelSet: LevelSet;
  series: { at: string; value: number }[];
}

export class NoThresholdRuleError extends Error {
  constructor(readonly zoneId: string, levelSetId?: string) {
    super(levelSetId ? `zone ${zoneId} has no level set ${levelSetId}` : `zone ${zoneId} has no enabled threshold rule to report on`);
    this.name = 'NoThresholdRuleError';
  }
}

@Injectable()
export class ZoneGaugeSeriesSource {
  constructor(private readonly observations: ObservationsRepository) {}

  async load(zone: Zone, range: { from: Date; to: Date }, levelSetId?: string): Promise<ZoneGaugeSeries> {
    // The rule gives the parameter; the level set may be another of the zone's (today's beside a 2050 set).
    const spec = zone.rules.find((r) => r.enabled && r.spec.kind === 'threshold')?.spec;
    if (!spec || spec.kind !== 'threshold') throw new NoThresholdRuleError(zone.id);
    const levelSet = zone.levelSets.find((l) => l.id === (levelSetId ?? spec.levelSetId));
    if (!levelSet) throw new NoThresholdRuleError(zone.id, levelSetId);
    const rows = await this.observations.history({
      stationIds: zone.representativeStationIds,
      parameters: [spec.parameter],
      from: range.from,
      to: range.to,
      limit: MAX_SAMPLES,
    });
    // The zone's own order of gauges decides which one speaks for it.
    const stationId = zone.representativeStationIds.find((id) => rows.some((r) => r.stationId === id)) ?? null;
    const series = rows.filter((r) => r.stationId === stationId && isUsableQuality(r.quality)).map((r) => ({ at: r.observedAt, value: r.value }));
    return { stationId, parameter: spec.parameter, levelSet, series };
  }
}
