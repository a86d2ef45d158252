// Owns checking a zone rule against its level sets before it is switched on, so the engine never meets a bad one.
import { severityRank } from '../zones/hazard';
import type { LevelSet, ZoneRule } from './rule-spec';

const positive = (x: number) => Number.isFinite(x) && x > 0;

function levelSetProblems(levelSets: readonly LevelSet[], levelSetId: string): string[] {
  const set = levelSets.find((s) => s.id === levelSetId);
  if (!set) return [`level set "${levelSetId}" is not among the zone's level sets`];
  if (set.levels.length === 0) return [`level set "${levelSetId}" has no levels`];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const l of set.levels) {
    if (seen.has(l.severity)) problems.push(`level set "${levelSetId}" has ${l.severity} twice`);
    seen.add(l.severity);
    if (!Number.isFinite(l.enter) || !Number.isFinite(l.leave)) {
      problems.push(`level ${l.severity} of "${levelSetId}" needs finite enter and leave`);
    } else if (l.leave > l.enter) {
      // Leave above enter would resolve a level in the same breath as raising it: flapping by design.
      problems.push(`level ${l.severity} of "${levelSetId}": leave ${l.leave} is above enter ${l.enter}`);
    }
  }
  const ordered = [...set.levels].sort((a, b) => severityRank(a.severity) - severityRank(b.severity));
  for (let i = 1; i < ordered.length; i++) {
    if (ordered[i].enter <= ordered[i - 1].enter) {
      problems.push(
        `level set "${levelSetId}": ${ordered[i].severity} enters at ${ordered[i].enter}, not above ` +
          `${ordered[i - 1].severity} at ${ordered[i - 1].enter}`,
      );
    }
  }
  return problems;
}

/** Everything wrong with a rule, as sentences a planner can act on; empty when the rule can run. */
export function validateZoneRule(rule: ZoneRule, levelSets: readonly LevelSet[]): string[] {
  const problems: string[] = [];
  const k = rule.quorum?.k;
  if (k !== undefined && !(Number.isInteger(k) && k >= 1))
    problems.push(`quorum k must be a whole number ≥ 1, got ${k}`);
  const spec = rule.spec;
  switch (spec.kind) {
    case 'threshold':
      if (!(Number.isFinite(spec.minDurationMs) && spec.minDurationMs >= 0)) {
        problems.push(`minDurationMs must be ≥ 0, got ${spec.minDurationMs}`);
      }
      problems.push(...levelSetProblems(levelSets, spec.levelSetId));
      break;
    case 'rate-of-rise':
      if (!positive(spec.windowMs)) problems.push(`windowMs must be > 0, got ${spec.windowMs}`);
      if (!positive(spec.risePerHour)) problems.push(`risePerHour must be > 0, got ${spec.risePerHour}`);
      break;
    case 'accumulation':
      if (!positive(spec.windowMs)) problems.push(`windowMs must be > 0, got ${spec.windowMs}`);
      problems.push(...levelSetProblems(levelSets, spec.levelSetId));
      break;
    case 'compound':
      if (!(spec.seaLevelLeaveM <= spec.seaLevelEnterM)) {
        problems.push(
          `seaLevelLeaveM ${spec.seaLevelLeaveM} must not be above seaLevelEnterM ${spec.seaLevelEnterM}`,
        );
      }
      if (!(Number.isFinite(spec.minWindSpeedMs) && spec.minWindSpeedMs >= 0)) {
        problems.push(`minWindSpeedMs must be ≥ 0, got ${spec.minWindSpeedMs}`);
      }
      if (!Number.isFinite(spec.windFromDeg) || !Number.isFinite(spec.windToDeg)) {
        problems.push('windFromDeg and windToDeg must be finite degrees');
      }
      break;
    case 'forecast':
      if (!positive(spec.horizonMs)) problems.push(`horizonMs must be > 0, got ${spec.horizonMs}`);
      problems.push(...levelSetProblems(levelSets, spec.levelSetId));
      break;
    case 'stale':
      if (!positive(spec.maxSilenceMs)) problems.push(`maxSilenceMs must be > 0, got ${spec.maxSilenceMs}`);
      break;
  }
  return problems;
}
