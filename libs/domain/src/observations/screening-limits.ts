// Owns the screening limits per parameter: when a repeated value is a stuck sensor and when a step is a spike.
import type { ParameterId } from './observation';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

export interface ScreeningLimits {
  /**
   * A value held unchanged for longer than this (first to latest sample of the run) is a suspect
   * flat-line; 'none' where any run of repeats is ordinary weather.
   */
  flatlineAfterMs: number | 'none';
  /** A run of this value is never a flat-line: 0 mm is dry weather, 0 m/s and 0° are calm. */
  flatlineExemptValue?: number;
  /**
   * Largest believable change per 10 minutes, in the canonical unit; the allowance grows with longer
   * gaps and never shrinks below one 10-minute step at faster cadences. 'none' where jumps are real.
   */
  spikeMaxStepPer10Min: number | 'none';
}

/**
 * One table for every parameter. The physics behind each row is in its comment; the README's
 * Observation pipeline section carries the same table.
 */
export const SCREENING_LIMITS: Record<ParameterId, ScreeningLimits> = {
  // Tide gauges report whole centimetres. The Little Belt is micro-tidal (a few decimetres), so at slack
  // water or in a calm spell a level can sit on the same centimetre for many hours; only a full day
  // without a single centimetre of change (tide, wind set-up, seiche) points at a stuck gauge. Surges
  // rarely rise more than a few decimetres per 10 min: 0.5 m points at the gauge.
  sea_level: { flatlineAfterMs: 24 * HOUR_MS, spikeMaxStepPer10Min: 0.5 },
  // Streams and sensor levels: steady for long dry spells, but a day at exactly the same centimetre is
  // still suspicious; a cloudburst can lift a small stream 1 m in 10 min.
  water_level: { flatlineAfterMs: 24 * HOUR_MS, spikeMaxStepPer10Min: 1 },
  // Precipitation: a cloudburst is a legitimate jump (no spike check) and 0 mm holds forever in dry
  // weather. A non-zero sum that does not change is a stuck counter: real rain rates fluctuate within
  // the hour. A rolling 24-h sum can hold a non-zero value for up to a day after the rain, so only
  // twice its window is suspicious.
  precip_past1min: { flatlineAfterMs: 1 * HOUR_MS, flatlineExemptValue: 0, spikeMaxStepPer10Min: 'none' },
  precip_past10min: { flatlineAfterMs: 3 * HOUR_MS, flatlineExemptValue: 0, spikeMaxStepPer10Min: 'none' },
  precip_past1h: { flatlineAfterMs: 6 * HOUR_MS, flatlineExemptValue: 0, spikeMaxStepPer10Min: 'none' },
  precip_past24h: { flatlineAfterMs: 48 * HOUR_MS, flatlineExemptValue: 0, spikeMaxStepPer10Min: 'none' },
  // Wind: gusts and squall fronts make steps real. A 10-minute mean speed or direction at 0.1 m/s and
  // 1° resolution that does not move for 6 h while the wind blows is a frozen anemometer or vane;
  // 0 is calm (direction 0 is DMI's "calm") and may last all night.
  wind_speed: { flatlineAfterMs: 6 * HOUR_MS, flatlineExemptValue: 0, spikeMaxStepPer10Min: 'none' },
  wind_max: { flatlineAfterMs: 6 * HOUR_MS, flatlineExemptValue: 0, spikeMaxStepPer10Min: 'none' },
  wind_dir: { flatlineAfterMs: 6 * HOUR_MS, flatlineExemptValue: 0, spikeMaxStepPer10Min: 'none' },
  // Air temperature: a front or a shower can drop it several degrees in 10 min; 10 °C is beyond that.
  // Fog or melting snow can pin it near one value for hours, so 6 h at 0.1 °C resolution before a
  // frozen sensor is suspected.
  temp_dry: { flatlineAfterMs: 6 * HOUR_MS, spikeMaxStepPer10Min: 10 },
  // Mean-sea-level pressure: even explosive cyclones move it well under 5 hPa in 10 min, and the
  // atmospheric tide alone shifts it by tenths of a hPa within 3 h, so 3 h at 0.1 hPa is suspicious.
  pressure_at_sea: { flatlineAfterMs: 3 * HOUR_MS, spikeMaxStepPer10Min: 5 },
};
