// Owns the single-station threshold step: hysteresis, and how long a level must hold before it is raised.
import { severityRank, type Severity } from '../zones/hazard';
import { maxSeverity, severityKept } from './levels';
import type { ThresholdLevel } from './rule-spec';
import { instantMs } from './rule-series';

/** Since when the value has stayed at or above one level's `enter` without a gap. Plain data. */
export interface LevelRun {
  severity: Severity;
  since: string;
}

export interface ThresholdStepInput {
  levels: readonly ThresholdLevel[];
  minDurationMs: number;
  runs: readonly LevelRun[];
  current: Severity | null;
  at: string;
  value: number;
  /** Usable data was missing before this value: nothing before it counts as "held". */
  gap: boolean;
}

export interface ThresholdStepResult {
  runs: LevelRun[];
  severity: Severity | null;
}

/**
 * One usable value through a threshold rule. Raising needs the value at or above a level's `enter`
 * continuously (in observation time, no gap) for `minDurationMs`; lowering happens as soon as the value
 * drops below the current level's `leave` — a surge that has fallen back is over, waiting would only
 * delay the all-clear. A jump straight past several levels raises to the highest one that has held.
 */
export function stepThreshold(input: ThresholdStepInput): ThresholdStepResult {
  const { levels, minDurationMs, current, at, value, gap } = input;
  const atMs = instantMs(at);
  const runs: LevelRun[] = [];
  let raised: Severity | null = null;
  for (const level of levels) {
    if (value < level.enter) continue; // the run of this level, if any, is broken
    const previous = gap ? undefined : input.runs.find((r) => r.severity === level.severity);
    const since = previous ? previous.since : at;
    runs.push({ severity: level.severity, since });
    if (atMs - instantMs(since) >= minDurationMs) raised = maxSeverity(raised, level.severity);
  }
  const kept = severityKept(levels, value, current);
  const severity = maxSeverity(kept, raised);
  runs.sort((a, b) => severityRank(a.severity) - severityRank(b.severity));
  return { runs, severity };
}
