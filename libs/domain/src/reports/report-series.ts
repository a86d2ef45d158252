// Owns what the reports share: a gauge series read one sample per instant in time order, hours, design levels in m.
import { canonicalDesignValue, DVR90_PARAMETERS, type DesignLevel } from '../initiatives/initiative';
import { HOUR_MS } from '../rules/rule-series';

/** One value of a gauge series as reports take it: an ISO instant and the value (m DVR90 for levels). */
export interface SeriesSample {
  at: string;
  value: number;
}

/** A sample in time order with the time it stands for. */
export interface TimedSample {
  at: string;
  atMs: number;
  value: number;
  /** Time until the next sample, capped at the cadence; the last sample stands for one cadence. */
  durationMs: number;
}

/**
 * The series oldest first, one sample per instant: of samples at the same instant the last given wins (a
 * re-delivered or corrected value replaces the first). Samples whose time cannot be read or whose value is
 * not a finite number are left out: a report cannot place them, and NaN would silently never exceed a level.
 */
export function orderedSamples(
  series: readonly SeriesSample[],
): { at: string; atMs: number; value: number }[] {
  const byInstant = new Map<number, { at: string; atMs: number; value: number }>();
  for (const s of series) {
    const atMs = Date.parse(s.at);
    if (!Number.isFinite(atMs) || !Number.isFinite(s.value)) continue;
    byInstant.set(atMs, { at: s.at, atMs, value: s.value });
  }
  return [...byInstant.values()].sort((a, b) => a.atMs - b.atMs);
}

/**
 * The ordered series with each sample's duration: the time until the next sample, capped at `cadenceMs` so a
 * gap in the data (a gauge that stopped reporting) never counts as time above a level.
 */
export function timedSamples(series: readonly SeriesSample[], cadenceMs: number): TimedSample[] {
  assertCadence(cadenceMs);
  const ordered = orderedSamples(series);
  return ordered.map((s, i) => ({
    ...s,
    durationMs: i + 1 < ordered.length ? Math.min(ordered[i + 1].atMs - s.atMs, cadenceMs) : cadenceMs,
  }));
}

/** A cadence must be a positive duration, or every sample would stand for no time at all. */
export function assertCadence(cadenceMs: number): void {
  if (!Number.isFinite(cadenceMs) || cadenceMs <= 0) {
    throw new RangeError(`cadenceMs must be a positive number of milliseconds, got ${cadenceMs}`);
  }
}

/** Hours to 2 decimals, as reports show them: 50 minutes is 0.83 h. */
export function hoursOf(durationMs: number): number {
  return roundTo(durationMs / HOUR_MS, 2);
}

/** Rounded half away from zero at `decimals`, with float noise (1.005 stored as 1.00499…) removed first. */
export function roundTo(x: number, decimals: number): number {
  const factor = 10 ** decimals;
  const rounded = Math.round(Math.abs(Number((x * factor).toPrecision(12)))) / factor;
  return x < 0 && rounded !== 0 ? -rounded : rounded;
}

/** The UTC calendar year of an instant in ms: reports count years in UTC, whatever the local clock said. */
export function utcYear(atMs: number): number {
  return new Date(atMs).getUTCFullYear();
}

/** A design level in m DVR90, only for the parameters measured in metres against a datum (sea and water level). */
export function designLevelM(level: DesignLevel | null): number | null {
  if (!level || !DVR90_PARAMETERS.includes(level.parameter)) return null;
  return canonicalDesignValue(level);
}
