// Stage one of the evaluator, for the stations of its partitions: runs each station's values through the
// station rules of every zone the station judges, and forecasts through the zones' forecast rules.
import type { Observation } from '../observations/observation';
import { evaluateForecastRule, type SeaLevelForecastSeries } from '../rules/forecast-rule';
import { isStationRule, stepStationRule, type StationRuleState } from '../rules/station-stage';
import { instantMs } from '../rules/rule-series';
import { laterInstant } from '../rules/zone-stage';
import type { Zone } from '../zones/zone';
import type { PartitionProgress } from './partition-progress';
import type { ZoneInput } from './zone-input';
import type { StateStore } from './state-store';

/** Progress is re-announced once it moved this far in event time: one cadence step of DMI's 10-minute data. */
export const PROGRESS_STEP_MS = 10 * 60_000;

/** What stage one last announced for one of its partitions. */
export interface AnnouncedProgress extends PartitionProgress {
  announcedAt: string | null;
}

export type StationStageState = StationRuleState | AnnouncedProgress;

const COMPOUND_PARAMETERS = new Set(['sea_level', 'wind_speed', 'wind_dir']);

export function stationRuleKey(zoneId: string, ruleId: string, stationId: string): string {
  return `${zoneId}|${ruleId}|${stationId}`;
}

export class StationStageEvaluator {
  constructor(private readonly states: StateStore<StationStageState>) {}

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
        const step = stepStationRule({ zoneId: zone.id, rule, levelSets: zone.levelSets, state: this.states.get(key) as StationRuleState | undefined, observation });
        if (step.state) this.states.set(key, step.state);
        // Every fresh verdict goes on (not only changes): stage two measures silence by the verdicts' age.
        if (step.applied && step.verdict) out.push({ kind: 'verdict', zoneId: zone.id, verdict: step.verdict });
      }
    }
    return out;
  }

  /**
   * After a batch from one partition (`source`): tells every zone how far the partition has been read, so
   * stage two can judge silence across partitions. Announced once it moved a cadence step, or at once when
   * the partition was idle; a re-delivered older batch announces nothing new.
   */
  applyProgress(source: string, observedAt: readonly string[], zoneIds: readonly string[]): ZoneInput[] {
    const key = `progress|${source}`;
    const held = this.states.get(key) as AnnouncedProgress | undefined;
    const newest = observedAt.reduce<string | null>((n, at) => (Number.isNaN(instantMs(at)) ? n : laterInstant(n, at)), null);
    const at = laterInstant(held?.at, newest);
    if (!at) return [];
    const due =
      !held || held.idle || !held.announcedAt || instantMs(at) - instantMs(held.announcedAt) >= PROGRESS_STEP_MS;
    if (!due) {
      if (at !== held.at) this.states.set(key, { ...held, at });
      return [];
    }
    return this.announce(key, source, { at, idle: false }, zoneIds);
  }

  /**
   * This instance was (re)assigned `source`, which has records left to read: until its first batch, stage
   * two must not run ahead of it (its data may be older than every other partition's).
   */
  applyBacklog(source: string, zoneIds: readonly string[]): ZoneInput[] {
    const held = this.states.get(`progress|${source}`) as AnnouncedProgress | undefined;
    if (held && !held.idle) return [];
    return this.announce(`progress|${source}`, source, { at: held?.at ?? null, idle: false }, zoneIds);
  }

  /** Nothing arrived on `source` for a while (the shell decides by wall clock): it no longer holds silence back. */
  applyIdle(source: string, zoneIds: readonly string[]): ZoneInput[] {
    const key = `progress|${source}`;
    const held = this.states.get(key) as AnnouncedProgress | undefined;
    if (!held || held.idle) return [];
    return this.announce(key, source, { at: held.at, idle: true }, zoneIds);
  }

  private announce(key: string, source: string, progress: PartitionProgress, zoneIds: readonly string[]): ZoneInput[] {
    this.states.set(key, { ...progress, announcedAt: progress.at });
    return zoneIds.map((zoneId) => ({ kind: 'progress', zoneId, source, at: progress.at, idle: progress.idle }));
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
