// Owns the forecast rule: the highest level a storm-surge forecast peak reaches within the rule's horizon.
import type { Severity } from '../zones/hazard';
import { levelsOf, severityEntered } from './levels';
import type { LevelSet, ZoneRule } from './rule-spec';
import { instantMs, roundDerived } from './rule-series';
import type { StationVerdict } from './verdict';

/**
 * The part of a forecast the rule reads. `sea-level-forecasts.v1` messages fit it as they are; the
 * domain declares its own shape because contracts depend on the domain, not the other way round.
 */
export interface SeaLevelForecastSeries {
  stationId: string;
  /** The model run; null when DMI did not say. */
  runTime: string | null;
  points: readonly { at: string; levelM: number }[];
}

export interface ForecastRuleInput {
  zoneId: string;
  rule: ZoneRule;
  levelSets: readonly LevelSet[];
  forecast: SeaLevelForecastSeries;
  /** Event time the forecast is judged at (the evaluator's watermark): the horizon starts here. */
  at: string;
  /**
   * Metres added to each forecast point. DKSS gives a deviation whose zero may not be DVR90 at the
   * gauge; the evaluator can keep a per-station bias from comparing forecasts with observations.
   */
  biasM?: number;
}

/**
 * Judges a forecast: the peak of the points within [at, at + horizonMs] (both ends inclusive; the
 * earliest of equal peaks) against the levels' `enter` (inclusive). No hysteresis: each model run is a
 * fresh statement, and a run that no longer reaches a level withdraws it. With no point inside the
 * horizon the forecast says nothing, so the verdict is `suspect` (does not vote), not clear.
 * Throws RuleConfigError when the level set is missing.
 */
export function evaluateForecastRule(input: ForecastRuleInput): StationVerdict {
  const { zoneId, rule, forecast, at } = input;
  if (rule.spec.kind !== 'forecast') throw new Error(`rule ${rule.id} is ${rule.spec.kind}, not forecast`);
  const levels = levelsOf(input.levelSets, rule.spec.levelSetId);
  const fromMs = instantMs(at);
  const toMs = fromMs + rule.spec.horizonMs;
  const bias = input.biasM ?? 0;

  let peak: { at: string; atMs: number; level: number } | undefined;
  for (const p of forecast.points) {
    const ms = instantMs(p.at);
    if (!(ms >= fromMs && ms <= toMs) || !Number.isFinite(p.levelM)) continue;
    const level = roundDerived(p.levelM + bias);
    if (!peak || level > peak.level || (level === peak.level && ms < peak.atMs))
      peak = { at: p.at, atMs: ms, level };
  }
  const verdict: StationVerdict = {
    zoneId,
    ruleId: rule.id,
    hazard: rule.hazard,
    stationId: forecast.stationId,
    severity: null,
    status: peak ? 'ok' : 'suspect',
    measured: peak ? peak.level : null,
    at,
    runTime: forecast.runTime,
  };
  if (!peak) return verdict;
  const severity: Severity | null = severityEntered(levels, peak.level);
  verdict.severity = severity;
  verdict.decidedBy = {
    stationId: forecast.stationId,
    parameter: 'sea_level',
    observedAt: peak.at,
    value: peak.level,
    measure: 'forecast-peak',
    forecastRunTime: forecast.runTime,
  };
  return verdict;
}
