// Builds the risk map: every current zone as a GeoJSON feature with its risk per hazard (from the alerts, now or
// at a past moment), its alerts and covering initiatives, and the gauges with their values then.
import { Injectable } from '@nestjs/common';
import { severityAt, severityRank, type Alert, type Hazard, type Severity, type Zone } from '@klimavagt/domain';
import { AlertsRepository, InitiativesRepository, ObservationsRepository, StationsRepository, StoredAlert, ZonesRepository } from '@klimavagt/storage';

const MAP_PARAMETERS = ['sea_level', 'water_level', 'precip_past10min', 'wind_speed'];
/** A gauge value older than this at the map's moment is not shown as current. */
const VALUE_MAX_AGE_MS = 6 * 3_600_000;

@Injectable()
export class RiskMapService {
  constructor(
    private readonly zones: ZonesRepository,
    private readonly alerts: AlertsRepository,
    private readonly initiatives: InitiativesRepository,
    private readonly stations: StationsRepository,
    private readonly observations: ObservationsRepository,
  ) {}

  /** `at`: the moment to show (event time); absent = now, from the open alerts. */
  async build(at: string | undefined) {
    const moment = at ?? new Date().toISOString();
    const [zones, stored, initiatives, stations, values] = await Promise.all([
      this.zones.listCurrent(),
      // Only the alerts standing at that moment (or open now), however long the history behind them.
      this.alerts.list(at ? { openAt: at, limit: 5_000 } : { state: 'open', limit: 5_000 }),
      this.initiatives.list({}),
      this.stations.list(),
      this.observations.valuesAt(new Date(moment), MAP_PARAMETERS, VALUE_MAX_AGE_MS),
    ]);
    const severityThen = (a: Alert): Severity | null => (at ? severityAt(a, at) : a.state === 'resolved' ? null : a.severity);
    const features = zones.map((zone) => {
      const mine = stored.filter((s) => s.alert.zoneId === zone.id);
      const active = mine.map((s) => ({ s, severity: severityThen(s.alert) })).filter((x) => x.severity !== null);
      const risk = Object.fromEntries(
        zone.hazards.map((h) => [h, worst(active.filter((x) => x.s.alert.hazard === h).map((x) => x.severity!))]),
      ) as Partial<Record<Hazard, Severity | null>>;
      const covering = initiatives.filter((i) => i.zoneIds.includes(zone.id));
      const overtopped = new Set(mine.flatMap((s) => s.coverage.covering.filter((c) => c.overtopped === true).map((c) => c.id)));
      return {
        type: 'Feature' as const,
        id: zone.id,
        geometry: zone.geometry,
        properties: {
          id: zone.id,
          name: zone.name,
          illustrative: zone.illustrative,
          owner: zone.owner,
          hazards: zone.hazards,
          risk,
          worst: worst(Object.values(risk).filter((v): v is Severity => !!v)),
          alerts: active.map(({ s, severity }) => alertView(s, severity!)),
          initiatives: covering.map((i) => ({
            id: i.id,
            title: i.title,
            status: i.status,
            measureType: i.measureType,
            hazards: i.hazards,
            designLevel: i.designLevel,
            overtopped: overtopped.has(i.id),
          })),
          gauges: zone.representativeStationIds,
          levelSets: thresholdLevelSets(zone),
        },
      };
    });
    const gauges = stations.map((st) => ({
      type: 'Feature' as const,
      id: st.id,
      geometry: { type: 'Point' as const, coordinates: st.location },
      properties: {
        id: st.id,
        name: st.name,
        owner: st.owner,
        values: values.filter((v) => v.stationId === st.id).map(({ parameter, observedAt, value }) => ({ parameter, observedAt, value })),
      },
    }));
    return { type: 'FeatureCollection' as const, at: moment, historical: at !== undefined, features, gauges: { type: 'FeatureCollection' as const, features: gauges } };
  }
}

function worst(severities: readonly Severity[]): Severity | null {
  return severities.reduce<Severity | null>((w, s) => (w === null || severityRank(s) > severityRank(w) ? s : w), null);
}

function alertView(s: StoredAlert, severity: Severity) {
  return {
    id: s.alert.id,
    hazard: s.alert.hazard,
    ruleId: s.alert.ruleId,
    severity,
    state: s.alert.state,
    peakSeverity: s.alert.peakSeverity,
    openedAt: s.alert.openedAt,
    resolvedAt: s.alert.resolvedAt ?? null,
    peak: s.coverage.peak,
    overtopped: s.coverage.overtopped,
    uncovered: s.coverage.uncovered,
  };
}

/** The level sets the zone's threshold rules use, with the parameter they apply to: the chart's lines. */
function thresholdLevelSets(zone: Zone) {
  return zone.rules.flatMap((rule) => {
    const spec = rule.spec;
    if (!rule.enabled || spec.kind !== 'threshold') return [];
    return zone.levelSets.filter((l) => l.id === spec.levelSetId).map((l) => ({ ruleId: rule.id, parameter: spec.parameter, ...l }));
  });
}
