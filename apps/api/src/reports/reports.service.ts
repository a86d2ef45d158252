// Planners' reports: exceedance statistics per zone, annual maxima per gauge with their trend, coverage gaps, and
// the observed effect of an initiative — computed by the domain from the stored history and alerts.
import { Injectable, NotFoundException } from '@nestjs/common';
import {
  annualMaxima,
  coverageGaps,
  exceedanceStatistics,
  initiativeEffect,
  isZoneAlert,
  linearTrend,
  type Severity,
} from '@klimavagt/domain';
import { AlertsRepository, InitiativesRepository, ObservationsRepository, ZonesRepository } from '@klimavagt/storage';
import { GAUGE_CADENCE_MS, ZoneGaugeSeriesSource } from './zone-gauge-series';

const ALL_TIME = { from: new Date('1900-01-01T00:00:00Z'), to: new Date('2200-01-01T00:00:00Z') };

@Injectable()
export class ReportsService {
  constructor(
    private readonly zones: ZonesRepository,
    private readonly gaugeSeries: ZoneGaugeSeriesSource,
    private readonly observations: ObservationsRepository,
    private readonly alerts: AlertsRepository,
    private readonly initiatives: InitiativesRepository,
  ) {}

  async exceedance(zoneId: string, query: { levelSetId?: string; from?: string; to?: string }) {
    const zone = await this.zone(zoneId);
    const range = { from: query.from ? new Date(query.from) : ALL_TIME.from, to: query.to ? new Date(query.to) : ALL_TIME.to };
    const { stationId, parameter, levelSet, series } = await this.gaugeSeries.load(zone, range, query.levelSetId);
    const levels = levelSet.levels.map((l) => ({ severity: l.severity, valueM: l.enter, label: l.label }));
    return {
      zoneId,
      zoneName: zone.name,
      stationId,
      parameter,
      levelSet: { id: levelSet.id, name: levelSet.name, datum: levelSet.datum, scenario: levelSet.scenario },
      ...exceedanceStatistics({ series, levels, cadenceMs: GAUGE_CADENCE_MS }),
    };
  }

  async annualMaxima(stationId: string, parameter: string) {
    // Daily maxima (a rollup) carry each year's highest value; the day is its time.
    const days = await this.observations.series({ stationId, parameter, from: ALL_TIME.from, to: ALL_TIME.to, resolution: 'day', limit: 100_000 });
    const maxima = annualMaxima(days.map((d) => ({ at: d.at, value: d.max ?? d.value })));
    return { stationId, parameter, maxima, trend: linearTrend(maxima) };
  }

  async coverageGaps(minSeverity: Severity) {
    const [zones, stored, initiatives] = await Promise.all([this.zones.listCurrent(), this.alerts.list({ limit: 10_000 }), this.initiatives.list({})]);
    return coverageGaps({
      zones,
      // Operational alerts (feed outages) concern no zone.
      alerts: stored.flatMap((s) => (isZoneAlert(s.alert) ? [{ ...s.alert, coverage: s.coverage }] : [])),
      initiatives,
      minSeverity,
    });
  }

  async initiativeEffect(initiativeId: string) {
    const initiative = await this.initiatives.get(initiativeId);
    if (!initiative) throw new NotFoundException({ error: 'initiative-not-found', message: `initiative ${initiativeId} does not exist` });
    const zones = (await this.zones.listCurrent()).filter((z) => initiative.zoneIds.includes(z.id));
    const perZone = [];
    for (const zone of zones) {
      const rule = zone.rules.find((r) => r.enabled && r.spec.kind === 'threshold');
      if (!rule) continue;
      const { stationId, levelSet, series } = await this.gaugeSeries.load(zone, ALL_TIME);
      const thresholdM = Math.min(...levelSet.levels.map((l) => l.enter));
      perZone.push({ zoneId: zone.id, zoneName: zone.name, stationId, ...initiativeEffect({ initiative, series, thresholdM, cadenceMs: GAUGE_CADENCE_MS }) });
    }
    return { initiativeId, title: initiative.title, zones: perZone };
  }

  private async zone(zoneId: string) {
    const zone = await this.zones.get(zoneId);
    if (!zone) throw new NotFoundException({ error: 'zone-not-found', message: `zone ${zoneId} does not exist` });
    return zone;
  }
}
