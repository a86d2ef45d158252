// Owns the time and series conventions every rule shares: event time, gaps, usable qualities, rounding.
import type { QualityFlag } from '../observations/observation';

/** DMI's 10-minute cadence: what a station is assumed to report at unless the evaluator says otherwise. */
export const DEFAULT_CADENCE_MS = 10 * 60 * 1000;
/**
 * A gap is a step between usable values longer than 1.5 cadences: one missing 10-minute value (20 min)
 * is a gap, while a sensor reporting a few seconds late is not.
 */
export const GAP_FACTOR = 1.5;
export const HOUR_MS = 60 * 60 * 1000;

/** Event time in ms. Observations arrive validated and canonical, so Date.parse reads them exactly. */
export function instantMs(iso: string): number {
  return Date.parse(iso);
}

export function isGap(previousMs: number, nextMs: number, cadenceMs: number): boolean {
  return nextMs - previousMs > cadenceMs * GAP_FACTOR;
}

/**
 * Whether a value may move a rule. Suspect and provider-flagged values are kept for the record but
 * neither raise nor lower a severity; `trace` and `calm` are real data (dry, no wind direction).
 */
export function isUsableQuality(quality: QualityFlag): boolean {
  return quality === 'ok' || quality === 'trace' || quality === 'calm';
}

/**
 * Sums and rates are rounded to 1e-9 so float noise cannot decide a level: 0.1 + 0.2 mm must reach a
 * 0.3 mm level, and 1.2 - 0.9 m must count as a rise of 0.3 m.
 */
export function roundDerived(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}
