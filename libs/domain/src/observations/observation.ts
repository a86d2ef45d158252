// The canonical observation: one value of one parameter at one station and instant, in canonical units.

/** Parameters Klimavagt understands, each with one canonical unit (see PARAMETERS). */
export const PARAMETER_IDS = [
  'sea_level',
  'precip_past1min',
  'precip_past10min',
  'precip_past1h',
  'precip_past24h',
  'wind_speed',
  'wind_max',
  'wind_dir',
  'temp_dry',
  'pressure_at_sea',
  'water_level',
] as const;
export type ParameterId = (typeof PARAMETER_IDS)[number];

export type CanonicalUnit = 'm' | 'mm' | 'm/s' | 'deg' | 'degC' | 'hPa';

/** Where an observation came from. */
export type ObservationSource = 'dmi-metobs' | 'dmi-oceanobs' | 'sensor-batch' | 'sensor-ttn' | 'sensor-sensorthings' | 'replay';

/**
 * Quality flag. `ok` passed every check; `suspect-spike` and `suspect-flatline` are kept but
 * flagged (rules may ignore them); `trace` marks DMI's "-0.1 = trace of precipitation";
 * `calm` marks wind_dir 0 (no direction); `provider-flagged` carries a provider's own QC rejection.
 */
export type QualityFlag = 'ok' | 'suspect-spike' | 'suspect-flatline' | 'trace' | 'calm' | 'provider-flagged';

export interface Observation {
  /** Station id as a string, leading zeros kept ("06123", "9020201", or a sensor's device id). */
  stationId: string;
  parameter: ParameterId;
  /** ISO 8601 instant (UTC, `Z`) the value describes. */
  observedAt: string;
  /** Value in the parameter's canonical unit; sea/water levels in metres DVR90. */
  value: number;
  unit: CanonicalUnit;
  source: ObservationSource;
  quality: QualityFlag;
  /** When the provider created (or revised) this value; the newest revision of a key wins. */
  createdAt: string;
  /** When Klimavagt received it. */
  receivedAt: string;
}

/** The identity of an observation: a newer `createdAt` for the same key is a revision. */
export function observationKey(o: Pick<Observation, 'stationId' | 'parameter' | 'observedAt'>): string {
  return `${o.stationId}|${o.parameter}|${o.observedAt}`;
}

/**
 * Keeps one observation per key, the one with the newest `createdAt`; on a tie the first one seen stays,
 * as the stored row does in the upsert, so the outcome does not depend on batch boundaries. A bulk
 * upsert cannot touch the same row twice, so batches are folded first.
 */
export function newestRevisionPerKey<T extends Observation>(observations: readonly T[]): T[] {
  const byKey = new Map<string, T>();
  for (const o of observations) {
    const key = observationKey(o);
    const seen = byKey.get(key);
    if (!seen || Date.parse(o.createdAt) > Date.parse(seen.createdAt)) byKey.set(key, o);
  }
  return [...byKey.values()];
}
