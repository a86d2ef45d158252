// Stage one of the evaluator, for the stations of its partitions: runs each station's values through the
// station rules of every zone the station judges, and forecasts through the zones' forecast rules.
import type { Observation } from '../observations/observation';
import { evaluateForecastRule, type SeaLevelForecastSeries } from '../rules/forecast-rule';
import { isStationRule, stepStationRule, type StationRuleState } from '../rules/station-stage';
import type { Zone } from '../zones/zone';
import type { ZoneInput } from './zone-input';
import type { StateStore } from './state-store';

const COMPOUND_PARAMETERS = new Set(['sea_level', 'wind_speed', 'wind_dir']);

export function stationRuleKey(zoneId: string, ruleId: string, stationId: string): string {
  return `${zoneId}|${ruleId}|${stationId}`;
}

export class StationStageEvaluator {
  constructor(private readonly states: StateStore<StationRuleState>) {}

  /** `zones`: the zones this observation's station judges (inside, nearby or representative). */
  applyObservation(observation: Observation, zones: readonly Zone[]): ZoneInput[] {
    const out: ZoneInput[] = [];
    for (const zone of zones) {
      for (const rule of zone.rules) {
        if (!rule.enabled) continue;
        if (rule.spec.kind === 'compound') {
          if (COMPOUND_PARAMETERS.has(observation.parameter)) out.push({ kind: 'observation', zoneId: zone.id, observation });
          continue;
        }
        if (!isStationRule(rule)) continue;
        const key = stationRuleKey(zone.id, rule.id, observation.stationId);
        const step = stepStationRule({ zoneId: zone.id, rule, levelSets: zone.levelSets, state: this.states.get(key), observation });
        if (step.state) this.states.set(key, step.state);
        // Every fresh verdict goes on (not only changes): stage two measures silence by the verdicts' age.
        if (step.applied && step.verdict) out.push({ kind: 'verdict', zoneId: zone.id, verdict: step.verdict });
      }
    }
    return out;
  }

  /** A new model run for a gauge: judged at its own run time (event time), never at the clock. */
  applyForecast(forecast: SeaLevelForecastSeries & { runTime: string | null; fetchedAt: string }, zones: readonly Zone[]): ZoneInput[] {
    const out: ZoneInput[] = [];
    const at = forecast.runTime ?? forecast.fetchedAt;
    for (const zone of zones) {
      for (const rule of zone.rules) {
        if (!rule.enabled || rule.spec.kind !== 'forecast') continue;
        const verdict = evaluateForecastRule({ zoneId: zone.id, rule, levelSets: zone.levelSets, forecast, at });
        out.push({ kind: 'verdict', zoneId: zone.id, verdict });
      }
    }
    return out;
  }
}
