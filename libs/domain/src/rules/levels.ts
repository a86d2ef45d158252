// Owns reading a level set: finding it for a rule, ordering its levels, and hysteresis between enter and leave.
import { severityRank, type Severity } from '../zones/hazard';
import type { LevelSet, ThresholdLevel } from './rule-spec';

/** A rule refers to a level set the zone does not have, or one that cannot be judged. */
export class RuleConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuleConfigError';
  }
}

/** The levels of `levelSetId`, lowest severity first. Throws RuleConfigError when the set is missing or empty. */
export function levelsOf(levelSets: readonly LevelSet[], levelSetId: string): ThresholdLevel[] {
  const set = levelSets.find((s) => s.id === levelSetId);
  if (!set) throw new RuleConfigError(`level set "${levelSetId}" is not among the zone's level sets`);
  if (set.levels.length === 0) throw new RuleConfigError(`level set "${levelSetId}" has no levels`);
  return [...set.levels].sort((a, b) => severityRank(a.severity) - severityRank(b.severity));
}

export function maxSeverity(a: Severity | null, b: Severity | null): Severity | null {
  return severityRank(a) >= severityRank(b) ? a : b;
}

/** Highest severity whose `enter` the value reaches (inclusive), ignoring what was raised before. */
export function severityEntered(levels: readonly ThresholdLevel[], value: number): Severity | null {
  let out: Severity | null = null;
  for (const l of levels) if (value >= l.enter) out = maxSeverity(out, l.severity);
  return out;
}

/**
 * Highest severity at or below `current` that the value still holds: a level is left only when the value
 * drops below its `leave`, so a value wobbling between leave and enter neither resolves nor re-fires.
 */
export function severityKept(
  levels: readonly ThresholdLevel[],
  value: number,
  current: Severity | null,
): Severity | null {
  let out: Severity | null = null;
  const currentRank = severityRank(current);
  for (const l of levels) {
    if (severityRank(l.severity) <= currentRank && value >= l.leave) out = maxSeverity(out, l.severity);
  }
  return out;
}

/** Severity with hysteresis and no minimum duration: the higher of what is entered and what is kept. */
export function severityWithHysteresis(
  levels: readonly ThresholdLevel[],
  value: number,
  current: Severity | null,
): Severity | null {
  return maxSeverity(severityEntered(levels, value), severityKept(levels, value, current));
}

/** The lowest `enter` of a set: where an "event" starts for reporting, whatever its severity. */
export function lowestEnter(levels: readonly ThresholdLevel[]): number {
  return Math.min(...levels.map((l) => l.enter));
}
