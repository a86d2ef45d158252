// Owns spike and flat-line screening: flags suspicious values per station series, never drops them.
import type { Observation, ParameterId, QualityFlag } from './observation';
import { SCREENING_LIMITS } from './screening-limits';

const TEN_MINUTES_MS = 10 * 60 * 1000;
// Canonical values come from decimal inputs divided by 100 or 1000; a step of exactly the limit
// (1.64 m → 2.14 m) must not be flagged because of the last binary digit.
const STEP_TOLERANCE = 1e-9;

/** What the screen remembers about one (station, parameter) series. Plain data, safe to persist. */
export interface SeriesTail {
  /** Newest observation screened: defines "older" and makes a redelivered message screen the same. */
  lastObservedAtMs: number;
  lastValue: number;
  lastQuality: QualityFlag;
  /** Newest value not judged a spike: steps are measured from here so one bad sample cannot make the
   *  good sample after it look like a spike too. */
  referenceObservedAtMs: number;
  referenceValue: number;
  /** The current run of identical values (spikes excluded) and when its first sample was observed. */
  runValue: number;
  runStartedAtMs: number;
}

export interface ScreenResult {
  observation: Observation;
  /** The tail to keep for the next observation of the same series (unchanged when nothing was learnt). */
  next: SeriesTail | undefined;
}

/** Qualities that a later screen would overwrite with information; anything else is kept as it came. */
function isScreenable(quality: QualityFlag): boolean {
  return quality === 'ok' || quality === 'trace' || quality === 'calm';
}

/**
 * Screens one observation against the tail of its series, with its parameter's SCREENING_LIMITS. A spike
 * is a step from the reference value larger than `spikeMaxStepPer10Min`, scaled up for longer gaps (never
 * down: at 1-minute cadence wave noise alone would trip a per-minute limit). A flat-line is a value held
 * for longer than `flatlineAfterMs`, measured in event time from the run's first sample (so the limit
 * means the same at any cadence); the first sample past the limit and each further repeat are flagged
 * (earlier ones are already emitted). A run of the exempt value (dry, calm) is never a flat-line. Only
 * `ok` is replaced by a suspect flag; provider-flagged and already-suspect observations pass unchanged and
 * teach the screen nothing. Observations not newer than the tail are passed through without touching it,
 * except that an exact redelivery gets the flag its first delivery got.
 */
export function screenObservation(previous: SeriesTail | undefined, o: Observation): ScreenResult {
  const limits = SCREENING_LIMITS[o.parameter];
  const unchanged: ScreenResult = { observation: o, next: previous };
  if (limits.spikeMaxStepPer10Min === 'none' && limits.flatlineAfterMs === 'none') return unchanged;
  if (!isScreenable(o.quality)) return unchanged;
  const atMs = Date.parse(o.observedAt);
  if (Number.isNaN(atMs)) return unchanged;

  if (!previous) {
    return {
      observation: o,
      next: {
        lastObservedAtMs: atMs,
        lastValue: o.value,
        lastQuality: o.quality,
        referenceObservedAtMs: atMs,
        referenceValue: o.value,
        runValue: o.value,
        runStartedAtMs: atMs,
      },
    };
  }

  if (atMs <= previous.lastObservedAtMs) {
    const isRedelivery = atMs === previous.lastObservedAtMs && o.value === previous.lastValue;
    if (isRedelivery && o.quality === 'ok' && previous.lastQuality !== 'ok') {
      return { observation: { ...o, quality: previous.lastQuality }, next: previous };
    }
    return unchanged;
  }

  let isSpike = false;
  if (limits.spikeMaxStepPer10Min !== 'none') {
    const elapsedMs = atMs - previous.referenceObservedAtMs;
    const allowedStep = limits.spikeMaxStepPer10Min * Math.max(1, elapsedMs / TEN_MINUTES_MS);
    isSpike = Math.abs(o.value - previous.referenceValue) > allowedStep + STEP_TOLERANCE;
  }

  let runValue = previous.runValue;
  let runStartedAtMs = previous.runStartedAtMs;
  if (!isSpike && o.value !== previous.runValue) {
    runValue = o.value;
    runStartedAtMs = atMs;
  }
  const isFlatline =
    !isSpike &&
    limits.flatlineAfterMs !== 'none' &&
    runValue !== limits.flatlineExemptValue &&
    atMs - runStartedAtMs > limits.flatlineAfterMs;

  let quality: QualityFlag = o.quality;
  if (quality === 'ok' && isSpike) quality = 'suspect-spike';
  else if (quality === 'ok' && isFlatline) quality = 'suspect-flatline';

  return {
    observation: quality === o.quality ? o : { ...o, quality },
    next: {
      lastObservedAtMs: atMs,
      lastValue: o.value,
      lastQuality: quality,
      referenceObservedAtMs: isSpike ? previous.referenceObservedAtMs : atMs,
      referenceValue: isSpike ? previous.referenceValue : o.value,
      runValue,
      runStartedAtMs,
    },
  };
}

export function seriesKey(o: Pick<Observation, 'stationId' | 'parameter'>): string {
  return `${o.stationId}|${o.parameter}`;
}

/**
 * In-memory screen over many series, for a single consumer. State is lost on restart, which only means
 * the first values afterwards are judged without history (never wrongly flagged).
 */
export class QualityScreen {
  private readonly tails = new Map<string, SeriesTail>();

  constructor(initial?: Iterable<readonly [string, SeriesTail]>) {
    if (initial) for (const [key, tail] of initial) this.tails.set(key, tail);
  }

  screen(o: Observation): Observation {
    const key = seriesKey(o);
    const { observation, next } = screenObservation(this.tails.get(key), o);
    if (next) this.tails.set(key, next);
    return observation;
  }

  /** The remembered tail of one series, e.g. to persist it. */
  tail(stationId: string, parameter: ParameterId): SeriesTail | undefined {
    return this.tails.get(seriesKey({ stationId, parameter }));
  }
}
