// Builds the risk map: every current zone as a GeoJSON feature with its risk per hazard (from the alerts and the
// rules' recorded outcomes, now or at a past moment: lost coverage is `unknown`), its alerts and covering
// initiatives, and the gauges with their values then.
import { Injectable } from '@nestjs/common';
import { coverageRuleIds, judgeZoneCoverage, severityAt, worstRisk, type Alert, type Severity, type Zone } from '@klimavagt/domain';
import {
  AlertsRepository,
  InitiativesRepository,
  ObservationsRepository,
  StationsRepository,
  StoredAlert,
  ZoneRiskRepository,
  ZonesRepository,
} from '@klimavagt/storage';

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
    private readonly outcomes: ZoneRiskRepository,
  ) {}

  /** `at`: the moment to show (event time); absent = now, from the open alerts. */
  async build(at: string | undefined) {
    const moment = at ?? new Date().toISOString();
    const zones = await this.zones.listCurrent();
    const [stored, initiatives, stations, values, outcomes] = await Promise.all([
      // Only the alerts standing at that moment (or open now), however long the history behind them.
      this.alerts.list(at ? { openAt: at, limit: 5_000 } : { state: 'open', limit: 5_000 }),
      this.initiatives.list({}),
      this.stations.list(),
      this.observations.valuesAt(new Date(moment), MAP_PARAMETERS, VALUE_MAX_AGE_MS),
      // One statement for every zone's observation rules: what each stood at at the moment.
      this.outcomes.standingAt(
        zones.flatMap((z) => coverageRuleIds(z).map((ruleId) => ({ zoneId: z.id, ruleId }))),
        new Date(moment),
      ),
    ]);
    const severityThen = (a: Alert): Severity | null => (at ? severityAt(a, at) : a.state === 'resolved' ? null : a.severity);
    const features = zones.map((zone) => {
      const mine = stored.filter((s) => s.alert.zoneId === zone.id);
      const active = mine.flatMap((s) => {
        const severity = severityThen(s.alert);
        return severity === null ? [] : [{ s, severity }];
      });
      const coverage = judgeZoneCoverage(
        zone,
        outcomes.filter((o) => o.zoneId === zone.id),
        active.flatMap(({ s, severity }) => (s.alert.hazard === null ? [] : [{ ruleId: s.alert.ruleId, hazard: s.alert.hazard, severity }])),
      );
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
          risk: coverage.risk,
          worst: worstRisk(Object.values(coverage.risk)),
          // 'lost': some rule could not judge the zone then (its gauges silent or suspect), listed in coverageLost.
          coverage: coverage.lost.length > 0 ? ('lost' as const) : ('ok' as const),
          coverageLost: coverage.lost,
          alerts: active.map(({ s, severity }) => alertView(s, severity, coverage.lastSeenOnly.has(`${s.alert.hazard}:${s.alert.ruleId}`))),
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

/** `lastSeen`: the alert's rule cannot judge the zone at the moment, so its severity is the last it saw. */
function alertView(s: StoredAlert, severity: Severity, lastSeen: boolean) {
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
    coverageLost: lastSeen,
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
