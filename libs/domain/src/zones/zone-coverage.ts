// Owns what a zone's risk per hazard is at a moment once coverage counts: the standing alerts give severities,
// the rules' standing outcomes say which of them can still see, and a hazard nobody can see is unknown, never clear.
import type { ZoneRuleOutcome } from '../rules/verdict';
import { severityRank, type Hazard, type Severity } from './hazard';
import type { Zone } from './zone';

/** A hazard's risk on the map: a severity, clear (null), or unknown — coverage lost and nothing definite. */
export type HazardRisk = Severity | null | 'unknown';

/** A rule that could not judge the zone at the moment: too few of its gauges could vote. */
export interface LostCoverage {
  hazard: Hazard;
  ruleId: string;
  /** When the rule's outcome became `unknown` (outcomes are published on change). */
  since: string;
  silentStationIds: string[];
  suspectStationIds: string[];
}

export type StandingOutcome = Pick<ZoneRuleOutcome, 'ruleId' | 'hazard' | 'state' | 'votes' | 'at'>;

/** A standing alert reduced to what the risk needs: its rule and its severity at the moment. */
export interface StandingSeverity {
  ruleId: string;
  hazard: Hazard;
  severity: Severity;
}

export interface ZoneCoverage {
  risk: Partial<Record<Hazard, HazardRisk>>;
  lost: LostCoverage[];
  /** Alerts' rules whose severity is only the last one seen before coverage was lost (`hazard:rule`). */
  lastSeenOnly: Set<string>;
}

/**
 * The rules whose outcome says whether the zone's gauges can see: enabled observation rules. A `stale` rule's
 * outcome is about silence itself (it pages through its own alert), and a forecast rule hears the model, not the
 * gauges, so neither says anything about coverage.
 */
export function coverageRuleIds(zone: Pick<Zone, 'rules'>): string[] {
  return zone.rules.filter((r) => r.enabled && r.spec.kind !== 'stale' && r.spec.kind !== 'forecast').map((r) => r.id);
}

/**
 * Per hazard of the zone:
 * - a rule whose standing outcome is `unknown` has lost coverage; its own alert's severity is only the last one
 *   it saw (the alert keeps it through a `degraded` signal), so it is no statement about the moment;
 * - a `stale` rule's alert ("gauge silent", always yellow) is the page about that loss, not a level of the water:
 *   beside lost coverage it does not set the risk either (without lost coverage it counts, as it always did);
 * - the risk is the worst severity of the other standing alerts (rules that still see, forecasts);
 * - failing that, `unknown` as soon as **any** observation rule of the hazard has lost coverage: the hazard is
 *   clear only when every rule that judges it can see (one blind rule may be the one that would have fired);
 * - rules with no recorded outcome say nothing (as before outcomes were recorded).
 */
export function judgeZoneCoverage(
  zone: Pick<Zone, 'hazards' | 'rules'>,
  outcomes: readonly StandingOutcome[],
  alerts: readonly StandingSeverity[],
): ZoneCoverage {
  const judging = new Set(coverageRuleIds(zone));
  const lost: LostCoverage[] = outcomes
    .filter((o) => o.state === 'unknown' && judging.has(o.ruleId))
    .map((o) => ({
      hazard: o.hazard,
      ruleId: o.ruleId,
      since: o.at,
      silentStationIds: o.votes.filter((v) => v.status === 'silent').map((v) => v.stationId),
      suspectStationIds: o.votes.filter((v) => v.status === 'suspect').map((v) => v.stationId),
    }));
  const lastSeenOnly = new Set(lost.map((l) => `${l.hazard}:${l.ruleId}`));
  const silenceRules = new Set(zone.rules.filter((r) => r.spec.kind === 'stale').map((r) => r.id));
  const risk: Partial<Record<Hazard, HazardRisk>> = {};
  for (const hazard of zone.hazards) {
    const blind = lost.some((l) => l.hazard === hazard);
    const definite = worstSeverity(
      alerts
        .filter((a) => a.hazard === hazard && !lastSeenOnly.has(`${hazard}:${a.ruleId}`) && !(blind && silenceRules.has(a.ruleId)))
        .map((a) => a.severity),
    );
    risk[hazard] = definite ?? (blind ? 'unknown' : null);
  }
  return { risk, lost, lastSeenOnly };
}

/** The zone's colour: its worst definite severity; unknown before clear; clear (null) only if every hazard is. */
export function worstRisk(risks: readonly HazardRisk[]): HazardRisk {
  const severity = worstSeverity(risks.filter((r): r is Severity => r !== null && r !== 'unknown'));
  return severity ?? (risks.includes('unknown') ? 'unknown' : null);
}

export function worstSeverity(severities: readonly Severity[]): Severity | null {
  return severities.reduce<Severity | null>((w, s) => (w === null || severityRank(s) > severityRank(w) ? s : w), null);
}
