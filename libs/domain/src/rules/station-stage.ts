// Owns stage one of the evaluator: one station's series through one single-station rule, with explicit state.
import type { Observation } from '../observations/observation';
import { type Severity } from '../zones/hazard';
import { stepAccumulation } from './accumulation-rule';
import { levelsOf } from './levels';
import { stepRateOfRise, type SeriesSample } from './rate-of-rise-rule';
import type { LevelSet, RuleSpec, ZoneRule } from './rule-spec';
import { DEFAULT_CADENCE_MS, instantMs, isGap, isUsableQuality } from './rule-series';
import { stepThreshold, type LevelRun } from './threshold-rule';
import type { DecidingMeasure, StationVerdict } from './verdict';

/** What every station rule state keeps. Plain JSON: the evaluator persists it and rebuilds from it. */
interface StationRuleStateBase {
  v: 1;
  ruleId: string;
  stationId: string;
  /** Newest `observedAt` applied, suspect values included: anything not newer is a duplicate or late. */
  lastAt: string;
  /** Newest `observedAt` of a usable value: continuity is measured between usable values only. */
  lastUsableAt: string | null;
  verdict: StationVerdict;
}
export interface ThresholdRuleState extends StationRuleStateBase {
  kind: 'threshold';
  runs: LevelRun[];
}
export interface RateOfRiseRuleState extends StationRuleStateBase {
  kind: 'rate-of-rise';
  samples: SeriesSample[];
}
export interface AccumulationRuleState extends StationRuleStateBase {
  kind: 'accumulation';
  samples: SeriesSample[];
}
export type StationRuleState = ThresholdRuleState | RateOfRiseRuleState | AccumulationRuleState;
export type StationRuleKind = StationRuleState['kind'];

export interface StationStepInput {
  zoneId: string;
  rule: ZoneRule;
  levelSets: readonly LevelSet[];
  state: StationRuleState | undefined;
  observation: Observation;
  /** The station's reporting interval; a step of more than 1.5 of it between usable values is a gap. */
  cadenceMs?: number;
}

export interface StationStep {
  /** Undefined only when there was no state and the observation did not concern the rule. */
  state: StationRuleState | undefined;
  /** The station's current verdict (undefined until the rule has seen a value of its parameter). */
  verdict: StationVerdict | undefined;
  /** The observation was new for this series and produced a fresh verdict (its `at` advanced). */
  applied: boolean;
  /** The verdict's severity or status differs from before. */
  changed: boolean;
}

const STATION_KINDS: ReadonlySet<RuleSpec['kind']> = new Set(['threshold', 'rate-of-rise', 'accumulation']);

/** Rules judged station by station in stage one (compound, forecast and stale rules are not). */
export function isStationRule(rule: ZoneRule): boolean {
  return STATION_KINDS.has(rule.spec.kind);
}

/** The parameter a station rule reads, or undefined for rules stage one does not judge. */
export function stationRuleParameter(spec: RuleSpec): Observation['parameter'] | undefined {
  return spec.kind === 'threshold' || spec.kind === 'rate-of-rise' || spec.kind === 'accumulation'
    ? spec.parameter
    : undefined;
}

/**
 * Applies one observation to one (zone, rule, station). Deterministic and idempotent: the result depends
 * only on the arguments, and an observation not newer than one already applied to the series (a
 * duplicate, a revision or a late arrival) leaves state and verdict untouched. Suspect values mark the
 * station `suspect` and move no severity. Throws RuleConfigError when the rule's level set is missing.
 */
export function stepStationRule(input: StationStepInput): StationStep {
  const { zoneId, rule, observation: o } = input;
  const cadenceMs = input.cadenceMs ?? DEFAULT_CADENCE_MS;
  const spec = rule.spec;
  if (input.state && input.state.stationId !== o.stationId) {
    throw new Error(`state of station ${input.state.stationId} passed with an observation of ${o.stationId}`);
  }
  // State of another rule or kind (the rule was replaced or edited) starts afresh rather than mislead.
  const prior =
    input.state && input.state.ruleId === rule.id && input.state.kind === spec.kind ? input.state : undefined;
  const unchanged: StationStep = {
    state: input.state,
    verdict: input.state?.verdict,
    applied: false,
    changed: false,
  };
  if (stationRuleParameter(spec) !== o.parameter) return unchanged;
  const atMs = instantMs(o.observedAt);
  if (Number.isNaN(atMs)) return unchanged;
  if (prior && atMs <= instantMs(prior.lastAt)) return unchanged;

  const before: StationVerdict = prior?.verdict ?? {
    zoneId,
    ruleId: rule.id,
    hazard: rule.hazard,
    stationId: o.stationId,
    severity: null,
    status: 'ok',
    measured: null,
    at: o.observedAt,
  };
  const base = { v: 1 as const, ruleId: rule.id, stationId: o.stationId, lastAt: o.observedAt };

  if (!isUsableQuality(o.quality)) {
    const verdict: StationVerdict = { ...before, status: 'suspect', measured: null, at: o.observedAt };
    // Only station rules get this far (others have no parameter), so the kind is a station kind.
    const memory = prior ?? emptyMemory(spec.kind as StationRuleKind);
    const state = {
      ...memory,
      ...base,
      lastUsableAt: prior?.lastUsableAt ?? null,
      verdict,
    } as StationRuleState;
    return { state, verdict, applied: true, changed: before.status !== 'suspect' || !prior };
  }

  const current = prior?.verdict.severity ?? null;
  let next: { severity: Severity | null; measured: number | null; measure: DecidingMeasure };
  let state: StationRuleState;
  if (spec.kind === 'threshold') {
    const gap = prior?.lastUsableAt ? isGap(instantMs(prior.lastUsableAt), atMs, cadenceMs) : false;
    const r = stepThreshold({
      levels: levelsOf(input.levelSets, spec.levelSetId),
      minDurationMs: spec.minDurationMs,
      runs: prior?.kind === 'threshold' ? prior.runs : [],
      current,
      at: o.observedAt,
      value: o.value,
      gap,
    });
    next = { severity: r.severity, measured: o.value, measure: 'value' };
    state = { ...base, kind: 'threshold', runs: r.runs, lastUsableAt: o.observedAt, verdict: before };
  } else if (spec.kind === 'rate-of-rise') {
    const r = stepRateOfRise({
      windowMs: spec.windowMs,
      risePerHour: spec.risePerHour,
      severity: spec.severity,
      samples: prior?.kind === 'rate-of-rise' ? prior.samples : [],
      current,
      at: o.observedAt,
      value: o.value,
    });
    next = { severity: r.severity, measured: r.risePerHour, measure: 'rise-per-hour' };
    state = {
      ...base,
      kind: 'rate-of-rise',
      samples: r.samples,
      lastUsableAt: o.observedAt,
      verdict: before,
    };
  } else if (spec.kind === 'accumulation') {
    const r = stepAccumulation({
      windowMs: spec.windowMs,
      levels: levelsOf(input.levelSets, spec.levelSetId),
      samples: prior?.kind === 'accumulation' ? prior.samples : [],
      current,
      cadenceMs,
      at: o.observedAt,
      // DMI's trace (-0.1 mm) means "too little to measure": dry for the sum, but a report all the same.
      mm: o.quality === 'trace' ? 0 : o.value,
    });
    next = { severity: r.severity, measured: r.sum, measure: 'window-sum' };
    state = {
      ...base,
      kind: 'accumulation',
      samples: r.samples,
      lastUsableAt: o.observedAt,
      verdict: before,
    };
  } else {
    return unchanged;
  }

  const severityChanged = next.severity !== before.severity;
  const verdict: StationVerdict = {
    ...before,
    severity: next.severity,
    status: 'ok',
    measured: next.measured,
    at: o.observedAt,
  };
  if (severityChanged && next.measured !== null) {
    verdict.decidedBy = {
      stationId: o.stationId,
      parameter: o.parameter,
      observedAt: o.observedAt,
      value: next.measured,
      measure: next.measure,
    };
  }
  state.verdict = verdict;
  return { state, verdict, applied: true, changed: severityChanged || before.status !== 'ok' || !prior };
}

function emptyMemory(kind: StationRuleKind): {
  kind: StationRuleKind;
  runs?: LevelRun[];
  samples?: SeriesSample[];
} {
  return kind === 'threshold' ? { kind, runs: [] } : { kind, samples: [] };
}
