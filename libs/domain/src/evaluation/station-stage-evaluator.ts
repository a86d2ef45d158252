// Stage one of the evaluator, for the stations of its partitions: holds each station's values until its feed
// says the window is complete, folds revisions, then runs them in event-time order through the station rules of
// every zone the station judges; re-judges a station when a corrected or late value arrives afterwards.
import type { Observation } from '../observations/observation';
import { evaluateForecastRule, type SeaLevelForecastSeries } from '../rules/forecast-rule';
import { isStationRule, stationRuleParameter, stepStationRule, type StationRuleState } from '../rules/station-stage';
import { HOUR_MS, instantMs } from '../rules/rule-series';
import type { StationVerdict } from '../rules/verdict';
import { compareIds } from '../rules/zone-stage';
import type { Zone } from '../zones/zone';
import { forecastSource, observationSource } from './source-progress';
import type { StationProgress } from './station-progress';
import type { StateStore } from './state-store';
import type { ZoneInput } from './zone-input';

/**
 * How long after a window was complete a corrected or late value still re-judges the station. DMI corrects
 * within hours; older corrections are stored by the recorder (and used by reports) but move no alert.
 */
export const REVISION_HORIZON_MS = 3 * HOUR_MS;

/** One station's values in stage one. Plain JSON. */
export interface StationTimeline {
  v: 1;
  kind: 'station';
  stationId: string;
  /** The feed's word: every value observed before this instant (exclusive) has been received. */
  completeUpTo: string | null;
  /** Received, not yet complete: waiting for the feed's word, newest revision per (parameter, instant). */
  held: Observation[];
  /** Judged values within the revision horizon, in event-time order: a correction re-judges from these. */
  log: Observation[];
}

/** A station rule's state before the oldest logged value: a re-judgement starts here. */
export interface StationRuleBase {
  kind: 'base';
  state: StationRuleState | null;
}

export type StationStageState = StationRuleState | StationTimeline | StationRuleBase;

const COMPOUND_PARAMETERS = new Set(['sea_level', 'wind_speed', 'wind_dir']);

export function stationRuleKey(zoneId: string, ruleId: string, stationId: string): string {
  return `${zoneId}|${ruleId}|${stationId}`;
}

/** What stage one did with an observation, beside the zone inputs it produced. */
export type ObservationFate = 'held' | 'duplicate' | 'revision' | 'too-late' | 'unused';

export class StationStageEvaluator {
  constructor(private readonly states: StateStore<StationStageState>) {}

  /**
   * `zones`: the zones this observation's station judges (inside, nearby or representative). Before the feed
   * vouched for its instant, a value is only held; after, a newer revision (or a value that was missing)
   * re-judges the station from the logged values, and a verdict goes on only where the outcome changed.
   */
  applyObservation(observation: Observation, zones: readonly Zone[]): { inputs: ZoneInput[]; fate: ObservationFate } {
    if (!usedByAny(observation.parameter, zones)) return { inputs: [], fate: 'unused' };
    const timeline = this.timelineOf(observation.stationId);
    const complete = timeline.completeUpTo !== null && instantMs(observation.observedAt) < instantMs(timeline.completeUpTo);
    if (!complete) {
      const held = fold(timeline.held, observation);
      if (held === timeline.held) return { inputs: [], fate: 'duplicate' };
      this.setTimeline({ ...timeline, held });
      return { inputs: [], fate: 'held' };
    }
    if (instantMs(observation.observedAt) < instantMs(timeline.completeUpTo!) - REVISION_HORIZON_MS) return { inputs: [], fate: 'too-late' };
    const log = fold(timeline.log, observation);
    if (log === timeline.log) return { inputs: [], fate: 'duplicate' };
    this.setTimeline({ ...timeline, log });
    return { inputs: this.rejudge(observation.stationId, observation.parameter, log, zones, timeline.completeUpTo!), fate: 'revision' };
  }

  /**
   * The feed vouched that everything `stationId` observed before `completeUpTo` has been handed over: the held
   * values before it are judged in event-time order, and every zone the station judges hears how far it is
   * complete (after the verdicts it stands for, so stage two never hears of it before the data behind it).
   */
  applyProgress(progress: StationProgress, zones: readonly Zone[]): ZoneInput[] {
    const timeline = this.timelineOf(progress.stationId);
    if (timeline.completeUpTo !== null && instantMs(progress.completeUpTo) <= instantMs(timeline.completeUpTo)) return [];
    const limit = instantMs(progress.completeUpTo);
    const due = timeline.held.filter((o) => instantMs(o.observedAt) < limit).sort(compareObservations);
    const out: ZoneInput[] = [];
    for (const observation of due) out.push(...this.judge(observation, zones));
    const logged = [...timeline.log, ...due];
    const horizon = limit - REVISION_HORIZON_MS;
    const expired = logged.filter((o) => instantMs(o.observedAt) < horizon);
    for (const observation of expired) this.advanceBase(observation, zones);
    this.setTimeline({
      ...timeline,
      completeUpTo: progress.completeUpTo,
      held: timeline.held.filter((o) => instantMs(o.observedAt) >= limit),
      log: logged.filter((o) => instantMs(o.observedAt) >= horizon),
    });
    for (const zone of zones) out.push({ kind: 'progress', zoneId: zone.id, source: observationSource(progress.stationId), at: progress.completeUpTo, idle: false });
    return out;
  }

  /** A model run for a gauge counts from when it became available (fetched), never before. */
  applyForecast(forecast: SeaLevelForecastSeries & { runTime: string | null; fetchedAt: string }, zones: readonly Zone[]): ZoneInput[] {
    const out: ZoneInput[] = [];
    for (const zone of zones) {
      for (const rule of zone.rules) {
        if (!rule.enabled || rule.spec.kind !== 'forecast') continue;
        const verdict = evaluateForecastRule({ zoneId: zone.id, rule, levelSets: zone.levelSets, forecast, at: forecast.fetchedAt });
        out.push({ kind: 'verdict', zoneId: zone.id, verdict });
      }
    }
    return out;
  }

  /** The storm-surge feed vouched for a gauge's runs up to an instant. */
  applyForecastProgress(progress: StationProgress, zones: readonly Zone[]): ZoneInput[] {
    return zones.map((zone) => ({ kind: 'progress', zoneId: zone.id, source: forecastSource(progress.stationId), at: progress.completeUpTo, idle: false }));
  }

  /** One value through every station rule of every zone; compound rules get the value itself. */
  private judge(observation: Observation, zones: readonly Zone[]): ZoneInput[] {
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

  /** Re-runs the station's rules of `parameter` from their base over the logged values. */
  private rejudge(stationId: string, parameter: Observation['parameter'], log: readonly Observation[], zones: readonly Zone[], effectiveAt: string): ZoneInput[] {
    const out: ZoneInput[] = [];
    for (const zone of zones) {
      for (const rule of zone.rules) {
        if (!rule.enabled || !isStationRule(rule) || stationRuleParameter(rule.spec) !== parameter) continue;
        const key = stationRuleKey(zone.id, rule.id, stationId);
        const before = this.states.get(key) as StationRuleState | undefined;
        let state = (this.states.get(`base|${key}`) as StationRuleBase | undefined)?.state ?? undefined;
        for (const observation of log) {
          state = stepStationRule({ zoneId: zone.id, rule, levelSets: zone.levelSets, state, observation }).state;
        }
        if (!state) continue;
        this.states.set(key, state);
        if (!sameVerdict(before?.verdict, state.verdict)) out.push({ kind: 'verdict', zoneId: zone.id, verdict: { ...state.verdict, revised: true }, effectiveAt });
      }
    }
    return out;
  }

  /** A value leaves the revision horizon: the rules' base moves past it. */
  private advanceBase(observation: Observation, zones: readonly Zone[]): void {
    for (const zone of zones) {
      for (const rule of zone.rules) {
        if (!rule.enabled || !isStationRule(rule) || stationRuleParameter(rule.spec) !== observation.parameter) continue;
        const key = `base|${stationRuleKey(zone.id, rule.id, observation.stationId)}`;
        const base = (this.states.get(key) as StationRuleBase | undefined)?.state ?? undefined;
        const step = stepStationRule({ zoneId: zone.id, rule, levelSets: zone.levelSets, state: base, observation });
        this.states.set(key, { kind: 'base', state: step.state ?? null });
      }
    }
  }

  private timelineOf(stationId: string): StationTimeline {
    return (
      (this.states.get(`station|${stationId}`) as StationTimeline | undefined) ?? {
        v: 1,
        kind: 'station',
        stationId,
        completeUpTo: null,
        held: [],
        log: [],
      }
    );
  }

  private setTimeline(timeline: StationTimeline): void {
    this.states.set(`station|${timeline.stationId}`, timeline);
  }
}

/** Keeps the newest revision per (parameter, instant); returns `values` itself when nothing changed. */
function fold(values: Observation[], o: Observation): Observation[] {
  const i = values.findIndex((v) => v.parameter === o.parameter && instantMs(v.observedAt) === instantMs(o.observedAt));
  if (i >= 0) {
    // The newest `createdAt` wins, as in the recorder's upsert; an equal one is a re-delivery.
    if (instantMs(o.createdAt) <= instantMs(values[i].createdAt)) return values;
    return values.map((v, j) => (j === i ? o : v));
  }
  return [...values, o].sort(compareObservations);
}

function compareObservations(a: Observation, b: Observation): number {
  return instantMs(a.observedAt) - instantMs(b.observedAt) || compareIds(a.parameter, b.parameter);
}

function usedByAny(parameter: Observation['parameter'], zones: readonly Zone[]): boolean {
  return zones.some((z) =>
    z.rules.some((r) => r.enabled && (stationRuleParameter(r.spec) === parameter || (r.spec.kind === 'compound' && COMPOUND_PARAMETERS.has(parameter)))),
  );
}

function sameVerdict(a: StationVerdict | undefined, b: StationVerdict): boolean {
  return !!a && a.severity === b.severity && a.status === b.status && a.measured === b.measured && a.at === b.at;
}
