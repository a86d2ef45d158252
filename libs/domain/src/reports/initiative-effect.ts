// Owns the observed effect of an initiative: the gauge's exceedance events before and after it went live.
import type { Initiative } from '../initiatives/initiative';
import {
  designLevelM,
  hoursOf,
  roundTo,
  timedSamples,
  type SeriesSample,
  type TimedSample,
} from './report-series';

export interface InitiativeEffectInput {
  initiative: Initiative;
  /** The zone's representative gauge, any order (of samples at the same instant the last given is used). */
  series: readonly SeriesSample[];
  /** The zone's lowest warning level, m: an event is a run at or above it. */
  thresholdM: number;
  /** The gauge's reporting interval: a longer step between samples ends an event. */
  cadenceMs: number;
}

/** One exceedance event: a maximal run of samples at or above the threshold without a gap. */
export interface ExceedanceEvent {
  /** Time of the run's first and last sample. */
  startAt: string;
  endAt: string;
  hoursAbove: number;
  peakM: number;
  /** How far the peak rose above the threshold, m (to the mm). */
  depthAboveThresholdM: number;
  /** How far the peak rose above the design level, m (negative: it stayed below); null without a design level. */
  depthAboveDesignM: number | null;
}

export interface EffectSummary {
  events: number;
  /** Means over the events; null when there are none. */
  meanHoursAbove: number | null;
  meanDepthAboveThresholdM: number | null;
  maxPeakM: number | null;
}

export interface EffectSide {
  summary: EffectSummary;
  /** Oldest first. */
  events: ExceedanceEvent[];
}

export interface InitiativeEffect {
  initiativeId: string;
  liveSince: string | null;
  /** The initiative has a live date: without one every event is "before". */
  live: boolean;
  thresholdM: number;
  /** The design level in m DVR90, when it is a sea or water level that can be compared with the gauge. */
  designLevelM: number | null;
  before: EffectSide;
  after: EffectSide;
}

/**
 * The gauge's exceedance events split by the initiative's live date: an event that started before `liveSince`
 * (midnight UTC of that YYYY-MM-DD date) is "before", even when it lasted past it. Each sample stands for the
 * time until the next one, capped at `cadenceMs`, as in the exceedance statistics. A step between samples
 * longer than `cadenceMs` ends an event, so a gauge whose samples jitter should be given a cadence with slack.
 *
 * This is what was observed at the gauge, not a measured effect: weather differs between the two periods, so
 * fewer or shallower events after the live date are a hint, not proof.
 */
export function initiativeEffect(input: InitiativeEffectInput): InitiativeEffect {
  const { initiative, thresholdM, cadenceMs } = input;
  const liveSinceMs = liveSinceMsOf(initiative);
  const designM = designLevelM(initiative.designLevel);
  const before: MeasuredEvent[] = [];
  const after: MeasuredEvent[] = [];
  for (const run of runsAbove(timedSamples(input.series, cadenceMs), thresholdM, cadenceMs)) {
    const event = measure(run, thresholdM, designM);
    if (liveSinceMs !== null && run[0].atMs >= liveSinceMs) after.push(event);
    else before.push(event);
  }
  return {
    initiativeId: initiative.id,
    liveSince: initiative.liveSince,
    live: liveSinceMs !== null,
    thresholdM,
    designLevelM: designM,
    before: side(before),
    after: side(after),
  };
}

/**
 * Midnight UTC of the live date, a calendar date as YYYY-MM-DD (as the initiatives API accepts it). Date.parse
 * alone would take "sommer 2021" or 2021-02-30 for a date, and a report must not split its events at a guess.
 */
function liveSinceMsOf(initiative: Initiative): number | null {
  const date = initiative.liveSince;
  if (date === null) return null;
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00Z`) : Number.NaN;
  if (!Number.isFinite(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new RangeError(
      `initiative ${initiative.id} has a liveSince that is not a date as YYYY-MM-DD: "${date}"`,
    );
  }
  return ms;
}

/** Maximal runs of samples at or above the threshold, each step within the run at most one cadence. */
function runsAbove(samples: readonly TimedSample[], thresholdM: number, cadenceMs: number): TimedSample[][] {
  const runs: TimedSample[][] = [];
  let run: TimedSample[] = [];
  for (const s of samples) {
    const previous = run[run.length - 1];
    if (run.length > 0 && (s.value < thresholdM || s.atMs - previous.atMs > cadenceMs)) {
      runs.push(run);
      run = [];
    }
    if (s.value >= thresholdM) run.push(s);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/** An event with the unrounded numbers its side's means are taken from. */
interface MeasuredEvent {
  event: ExceedanceEvent;
  aboveMs: number;
  depthAboveThresholdM: number;
}

function measure(run: readonly TimedSample[], thresholdM: number, designM: number | null): MeasuredEvent {
  let peak = run[0];
  for (const s of run) if (s.value > peak.value) peak = s;
  const aboveMs = run.reduce((sum, s) => sum + s.durationMs, 0);
  const depthAboveThresholdM = peak.value - thresholdM;
  return {
    aboveMs,
    depthAboveThresholdM,
    event: {
      startAt: run[0].at,
      endAt: run[run.length - 1].at,
      hoursAbove: hoursOf(aboveMs),
      peakM: peak.value,
      depthAboveThresholdM: roundTo(depthAboveThresholdM, 3),
      depthAboveDesignM: designM === null ? null : roundTo(peak.value - designM, 3),
    },
  };
}

function side(measured: readonly MeasuredEvent[]): EffectSide {
  const events = measured.map((m) => m.event);
  if (measured.length === 0) {
    return {
      summary: { events: 0, meanHoursAbove: null, meanDepthAboveThresholdM: null, maxPeakM: null },
      events,
    };
  }
  const n = measured.length;
  return {
    summary: {
      events: n,
      meanHoursAbove: hoursOf(measured.reduce((sum, m) => sum + m.aboveMs, 0) / n),
      meanDepthAboveThresholdM: roundTo(measured.reduce((sum, m) => sum + m.depthAboveThresholdM, 0) / n, 3),
      maxPeakM: events.reduce((max, e) => Math.max(max, e.peakM), -Infinity),
    },
    events,
  };
}
