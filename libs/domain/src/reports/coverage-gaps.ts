// Owns the coverage-gap report: zones and hazards at high risk that no initiative covers, or whose protection was overtopped.
import type { AlertCoverage, EpisodePeak } from '../alerts/alert-coverage';
import { assessInitiatives, type Initiative } from '../initiatives/initiative';
import { compareIds } from '../rules/zone-stage';
import { severityRank, type Hazard, type Severity } from '../zones/hazard';
import { designLevelM } from './report-series';

export interface CoverageGapZone {
  id: string;
  name: string;
  hazards: readonly Hazard[];
}

/** What the report needs of an alert: its zone and hazard, how bad it got, and its coverage as assessed then. */
export interface CoverageGapAlert {
  zoneId: string;
  hazard: Hazard;
  severity: Severity;
  peakSeverity: Severity;
  coverage: AlertCoverage;
  openedAt: string;
}

export interface CoverageGapInput {
  /** The zones the report is about: alerts for other zones are left out. */
  zones: readonly CoverageGapZone[];
  alerts: readonly CoverageGapAlert[];
  /** The initiatives as they stand now: one added since an alert closes its "no initiative" gap. */
  initiatives: readonly Initiative[];
  /** An alert that reached this severity puts its zone and hazard at high risk. Default orange. */
  minSeverity?: Severity;
}

export type CoverageGapReason = 'no-initiative' | 'overtopped';

export interface CoverageGapInitiative {
  id: string;
  title: string;
  /** The design level in m DVR90; null without one, or for one that is not a sea or water level. */
  designLevelM: number | null;
  /** Whether an alert's observed peak exceeded the design level; null when it could not be judged. */
  overtopped: boolean | null;
}

export interface CoverageGap {
  zoneId: string;
  zoneName: string;
  hazard: Hazard;
  reason: CoverageGapReason;
  /** Highest peak severity of the alerts behind the gap. */
  worstSeverity: Severity;
  /** Alerts behind the gap: those at or above minSeverity ('no-initiative'), those that overtopped ('overtopped'). */
  alerts: number;
  /** The latest `openedAt` of those alerts. */
  lastAlertAt: string;
  /** Highest observed episode peak of those alerts (m DVR90); forecast peaks are not observations. */
  peak: { valueM: number; at: string } | null;
  /** 'overtopped': every initiative covering those alerts, overtopped or not; 'no-initiative': none. */
  initiatives: CoverageGapInitiative[];
}

/**
 * Coverage gaps, one row per zone, hazard and reason, worst severity first (red first), then by zone id.
 *
 * - 'no-initiative': an alert for the zone and hazard reached `minSeverity` (peak severity), and none of
 *   `initiatives` covers them, whatever its status (a planned initiative is a plan for the gap).
 * - 'overtopped': an alert's coverage says the observed episode peak exceeded a covering initiative's design
 *   level, whatever the alert's severity. A forecast peak only says the protection *will* be overtopped, so
 *   it does not make a gap.
 *
 * Alerts for zones not among `zones` are left out; an alert's hazard is taken even when the zone no longer
 * lists it, since the alert shows the hazard is real there.
 */
export function coverageGaps(input: CoverageGapInput): CoverageGap[] {
  const minRank = severityRank(input.minSeverity ?? 'orange');
  const zones = new Map(input.zones.map((z) => [z.id, z]));
  const byZoneHazard = new Map<
    string,
    { zone: CoverageGapZone; hazard: Hazard; alerts: CoverageGapAlert[] }
  >();
  for (const alert of input.alerts) {
    const zone = zones.get(alert.zoneId);
    if (!zone) continue;
    const key = `${alert.zoneId}\u0000${alert.hazard}`;
    const group = byZoneHazard.get(key);
    if (group) group.alerts.push(alert);
    else byZoneHazard.set(key, { zone, hazard: alert.hazard, alerts: [alert] });
  }

  const gaps: CoverageGap[] = [];
  for (const { zone, hazard, alerts } of byZoneHazard.values()) {
    const highRisk = alerts.filter((a) => severityRank(a.peakSeverity) >= minRank);
    const uncovered = assessInitiatives(input.initiatives, { zoneId: zone.id, hazard }).uncovered;
    if (highRisk.length > 0 && uncovered) gaps.push(gap(zone, hazard, 'no-initiative', highRisk, []));
    const overtopping = alerts.filter((a) => a.coverage.overtopped && !a.coverage.peak?.forecast);
    if (overtopping.length > 0)
      gaps.push(gap(zone, hazard, 'overtopped', overtopping, coveringOf(overtopping)));
  }
  return gaps.sort(
    (a, b) =>
      severityRank(b.worstSeverity) - severityRank(a.worstSeverity) ||
      compareIds(a.zoneId, b.zoneId) ||
      compareIds(a.hazard, b.hazard) ||
      compareIds(a.reason, b.reason),
  );
}

function gap(
  zone: CoverageGapZone,
  hazard: Hazard,
  reason: CoverageGapReason,
  alerts: readonly CoverageGapAlert[],
  initiatives: CoverageGapInitiative[],
): CoverageGap {
  let worst = alerts[0];
  let last = alerts[0];
  let peak: EpisodePeak | null = null;
  for (const a of alerts) {
    if (severityRank(a.peakSeverity) > severityRank(worst.peakSeverity)) worst = a;
    if (Date.parse(a.openedAt) > Date.parse(last.openedAt)) last = a;
    peak = higherObservedPeak(peak, a.coverage.peak);
  }
  return {
    zoneId: zone.id,
    zoneName: zone.name,
    hazard,
    reason,
    worstSeverity: worst.peakSeverity,
    alerts: alerts.length,
    lastAlertAt: last.openedAt,
    peak: peak ? { valueM: peak.value, at: peak.observedAt } : null,
    initiatives,
  };
}

/** The higher of two observed peaks; of equal ones the earlier. */
function higherObservedPeak(best: EpisodePeak | null, candidate: EpisodePeak | null): EpisodePeak | null {
  if (!candidate || candidate.forecast || !Number.isFinite(candidate.value)) return best;
  if (!best) return candidate;
  if (candidate.value !== best.value) return candidate.value > best.value ? candidate : best;
  return Date.parse(candidate.observedAt) < Date.parse(best.observedAt) ? candidate : best;
}

/**
 * The initiatives covering the alerts, in the order first met, as their coverage assessed them: overtopped
 * when any alert overtopped it, held when none did and at least one could be judged, else unknown.
 */
function coveringOf(alerts: readonly CoverageGapAlert[]): CoverageGapInitiative[] {
  const byId = new Map<string, CoverageGapInitiative>();
  for (const a of alerts) {
    for (const c of a.coverage.covering) {
      const seen = byId.get(c.id);
      if (!seen) {
        byId.set(c.id, {
          id: c.id,
          title: c.title,
          designLevelM: designLevelM(c.designLevel),
          overtopped: c.overtopped,
        });
      } else if (c.overtopped === true || (c.overtopped === false && seen.overtopped === null)) {
        seen.overtopped = c.overtopped;
      }
    }
  }
  return [...byId.values()];
}
