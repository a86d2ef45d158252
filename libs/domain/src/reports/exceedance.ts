// Owns exceedance statistics: per calendar year and level, how often, how long and how high a gauge went above it.
import type { Severity } from '../zones/hazard';
import { hoursOf, timedSamples, utcYear, type SeriesSample, type TimedSample } from './report-series';

/** A level to count exceedances of, e.g. the zone's orange level at 1.50 m DVR90. */
export interface ExceedanceLevel {
  severity: Severity;
  valueM: number;
  label: string;
}

export interface ExceedanceInput {
  /** Any order; gaps and duplicates allowed (of samples at the same instant the last given is used). */
  series: readonly SeriesSample[];
  levels: readonly ExceedanceLevel[];
  /** The gauge's reporting interval: the longest time one sample may stand for. */
  cadenceMs: number;
}

export interface LevelExceedance {
  severity: Severity;
  valueM: number;
  label: string;
  /** Rises from below to at-or-above the level; a year that starts above counts one. */
  episodes: number;
  hoursAbove: number;
  longestEpisodeHours: number;
  /** Time of the year's first and last sample at or above the level; null when there is none. */
  firstAt: string | null;
  lastAt: string | null;
}

export interface YearExceedance {
  year: number;
  samples: number;
  /** Highest value of the year and when (the earliest, on a tie). */
  max: { valueM: number; at: string } | null;
  /** In the order the levels were given. */
  levels: LevelExceedance[];
}

export interface ExceedanceReport {
  /** Years with at least one sample, ascending. */
  years: YearExceedance[];
}

/**
 * Exceedance statistics per UTC calendar year and level. A value exactly at a level counts as above it. Each
 * sample stands for the time until the next one, capped at `cadenceMs` (a gap in the data is not time above a
 * level); the last sample stands for one cadence. An episode spanning New Year counts in both years, its time
 * split by the year of each sample. An episode is only ended by a value below the level: a gap while above does
 * not end it (no value said the water went down), though the gap's time is not counted.
 */
export function exceedanceStatistics(input: ExceedanceInput): ExceedanceReport {
  const samples = timedSamples(input.series, input.cadenceMs);
  const byYear = new Map<number, TimedSample[]>();
  for (const s of samples) {
    const year = utcYear(s.atMs);
    const inYear = byYear.get(year);
    if (inYear) inYear.push(s);
    else byYear.set(year, [s]);
  }
  const years = [...byYear.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, inYear]): YearExceedance => ({
      year,
      samples: inYear.length,
      max: yearMax(inYear),
      levels: input.levels.map((level) => levelExceedance(inYear, level)),
    }));
  return { years };
}

function yearMax(samples: readonly TimedSample[]): YearExceedance['max'] {
  let best: TimedSample | undefined;
  // Samples are in time order, so a strict `>` keeps the earliest of equal maxima.
  for (const s of samples) if (!best || s.value > best.value) best = s;
  return best ? { valueM: best.value, at: best.at } : null;
}

function levelExceedance(samples: readonly TimedSample[], level: ExceedanceLevel): LevelExceedance {
  let episodes = 0;
  let aboveMs = 0;
  let episodeMs = 0;
  let longestMs = 0;
  let firstAt: string | null = null;
  let lastAt: string | null = null;
  let wasAbove = false;
  for (const s of samples) {
    const above = s.value >= level.valueM;
    if (above) {
      if (!wasAbove) {
        episodes += 1;
        episodeMs = 0;
      }
      aboveMs += s.durationMs;
      episodeMs += s.durationMs;
      longestMs = Math.max(longestMs, episodeMs);
      firstAt ??= s.at;
      lastAt = s.at;
    }
    wasAbove = above;
  }
  return {
    severity: level.severity,
    valueM: level.valueM,
    label: level.label,
    episodes,
    hoursAbove: hoursOf(aboveMs),
    longestEpisodeHours: hoursOf(longestMs),
    firstAt,
    lastAt,
  };
}
