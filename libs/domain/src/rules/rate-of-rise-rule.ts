// Owns the rate-of-rise step: rise per hour over a trailing window, computed from the series itself.
import type { Severity } from '../zones/hazard';
import { HOUR_MS, instantMs, roundDerived } from './rule-series';

/** One usable value of a series, kept in rule state. Plain data. */
export interface SeriesSample {
  at: string;
  value: number;
}

export interface RateStepInput {
  windowMs: number;
  risePerHour: number;
  severity: Severity;
  samples: readonly SeriesSample[];
  current: Severity | null;
  at: string;
  value: number;
}

export interface RateStepResult {
  samples: SeriesSample[];
  severity: Severity | null;
  /** Rise per hour over the window; null when the data span too little of it to say. */
  risePerHour: number | null;
}

/**
 * The rise is the newest value minus the oldest one inside [at - windowMs, at], scaled to an hour.
 * At least half the window must be spanned: two samples minutes apart would turn wave noise into a
 * "rate". Without a rate the severity is held, since a gap is no evidence the water stopped rising.
 * The rule has no leave level: it resolves once the rise over the window drops below `risePerHour`.
 */
export function stepRateOfRise(input: RateStepInput): RateStepResult {
  const atMs = instantMs(input.at);
  const from = atMs - input.windowMs;
  const samples = [...input.samples, { at: input.at, value: input.value }].filter(
    (s) => instantMs(s.at) >= from,
  );
  const oldest = samples[0];
  const spanMs = atMs - instantMs(oldest.at);
  if (spanMs <= 0 || spanMs < input.windowMs / 2) {
    return { samples, severity: input.current, risePerHour: null };
  }
  const rise = roundDerived(input.value - oldest.value);
  const risePerHour = roundDerived((rise * HOUR_MS) / spanMs);
  return { samples, severity: risePerHour >= input.risePerHour ? input.severity : null, risePerHour };
}
