// Owns the accumulation step: 10-minute precipitation summed over a rolling window, judged with hysteresis.
import { severityRank, type Severity } from '../zones/hazard';
import { severityWithHysteresis } from './levels';
import type { SeriesSample } from './rate-of-rise-rule';
import type { ThresholdLevel } from './rule-spec';
import { instantMs, isGap, roundDerived } from './rule-series';

export interface AccumulationStepInput {
  windowMs: number;
  levels: readonly ThresholdLevel[];
  samples: readonly SeriesSample[];
  current: Severity | null;
  cadenceMs: number;
  at: string;
  /** Precipitation of the period ending at `at`, mm (a trace already as 0). */
  mm: number;
}

export interface AccumulationStepResult {
  samples: SeriesSample[];
  severity: Severity | null;
  /** Sum over (at - windowMs, at], mm. */
  sum: number;
  /** Every period of the window has a usable value (a trace counts; a missing or suspect value does not). */
  complete: boolean;
}

/**
 * Each value covers the period ending at its time, so the window (at - windowMs, at] holds the values
 * observed after its start: 30 min at 10-minute cadence is the values at -20, -10 and 0 min.
 * With values missing the sum is only a lower bound: it may raise (the rain was at least that) but
 * not lower, or a dropped message in a cloudburst would sound the all-clear.
 */
export function stepAccumulation(input: AccumulationStepInput): AccumulationStepResult {
  const atMs = instantMs(input.at);
  const windowStartMs = atMs - input.windowMs;
  const samples = [...input.samples, { at: input.at, value: input.mm }].filter(
    (s) => instantMs(s.at) > windowStartMs,
  );
  // Summed oldest first from state, so replays add the same floats in the same order.
  const sum = roundDerived(samples.reduce((acc, s) => acc + s.value, 0));
  const complete = windowComplete(samples, windowStartMs, input.cadenceMs);
  let severity = severityWithHysteresis(input.levels, sum, input.current);
  if (!complete && severityRank(severity) < severityRank(input.current)) severity = input.current;
  return { samples, severity, sum, complete };
}

/** No gap from the window's start through its samples (the start acts as a sample at windowStartMs). */
function windowComplete(samples: readonly SeriesSample[], windowStartMs: number, cadenceMs: number): boolean {
  let previousMs = windowStartMs;
  for (const s of samples) {
    const ms = instantMs(s.at);
    if (isGap(previousMs, ms, cadenceMs)) return false;
    previousMs = ms;
  }
  return true;
}
