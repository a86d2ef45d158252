// Owns the parameter catalogue: canonical unit, plausible range and accepted input units (screening limits: screening-limits.ts).
import type { CanonicalUnit, ParameterId } from './observation';
import { describeValue, rejection, type Rejection } from './rejection';

export type UnitConversion = (value: number) => number;

export interface ParameterSpec {
  unit: CanonicalUnit;
  /** Physically plausible bounds, inclusive, in the canonical unit; anything outside is a broken input. */
  min: number;
  max: number;
  /** Input unit symbol → conversion to the canonical unit. */
  acceptedUnits: Record<string, UnitConversion>;
}

const identity: UnitConversion = (v) => v;
// Divisions rather than multiplications by 0.01 etc.: 113 / 100 is exactly the double nearest 1.13,
// 113 * 0.01 is not, and threshold comparisons at a level in metres must not be off by one ulp.
const levelUnitsToM: Record<string, UnitConversion> = {
  m: identity,
  cm: (cm) => cm / 100,
  mm: (mm) => mm / 1000,
};
const speedUnitsToMs: Record<string, UnitConversion> = {
  'm/s': identity,
  'km/h': (kmh) => kmh / 3.6,
  kn: (kn) => (kn * 1852) / 3600,
};
const precipUnitsToMm: Record<string, UnitConversion> = { mm: identity };
const directionUnitsToDeg: Record<string, UnitConversion> = { deg: identity, '°': identity };
const temperatureUnitsToDegC: Record<string, UnitConversion> = {
  degC: identity,
  '°C': identity,
  K: (k) => k - 273.15,
};
const pressureUnitsToHPa: Record<string, UnitConversion> = {
  hPa: identity,
  mbar: identity,
  Pa: (pa) => pa / 100,
};

export const PARAMETERS: Record<ParameterId, ParameterSpec> = {
  // Sea level, metres DVR90. Assens peaked at 2.02 m in Oct 2023 and inner-Danish lows stay within a
  // couple of metres below zero; the margin allows extremes without letting cm-as-m mistakes
  // (152 "m") through.
  sea_level: { unit: 'm', min: -3, max: 5, acceptedUnits: levelUnitsToM },
  // Stream and sensor level, metres DVR90: stream beds inland on Funen lie between a little below 0
  // and ~130 m, so -10..300 covers every site.
  water_level: { unit: 'm', min: -10, max: 300, acceptedUnits: levelUnitsToM },
  // Precipitation per period, mm. Upper bounds sit well above any Danish cloudburst yet below what a
  // unit or decimal error would typically produce.
  precip_past1min: { unit: 'mm', min: 0, max: 20, acceptedUnits: precipUnitsToMm },
  precip_past10min: { unit: 'mm', min: 0, max: 100, acceptedUnits: precipUnitsToMm },
  precip_past1h: { unit: 'mm', min: 0, max: 200, acceptedUnits: precipUnitsToMm },
  precip_past24h: { unit: 'mm', min: 0, max: 400, acceptedUnits: precipUnitsToMm },
  // Wind, m/s: 75 m/s is far above any gust measured in Denmark.
  wind_speed: { unit: 'm/s', min: 0, max: 75, acceptedUnits: speedUnitsToMs },
  wind_max: { unit: 'm/s', min: 0, max: 75, acceptedUnits: speedUnitsToMs },
  // Direction, degrees: 0 is DMI's "calm", 360 is north.
  wind_dir: { unit: 'deg', min: 0, max: 360, acceptedUnits: directionUnitsToDeg },
  // Air temperature, °C.
  temp_dry: { unit: 'degC', min: -60, max: 60, acceptedUnits: temperatureUnitsToDegC },
  // Mean-sea-level pressure: world records are ~870 and ~1084 hPa.
  pressure_at_sea: { unit: 'hPa', min: 850, max: 1090, acceptedUnits: pressureUnitsToHPa },
};

export type CanonicalValueResult =
  { ok: true; value: number; unit: CanonicalUnit } | { ok: false; rejection: Rejection };

/**
 * Converts a value given in `unit` to the parameter's canonical unit. Unit symbols are matched exactly
 * (`K` is kelvin, `k` is nothing): guessing at case would let `mm` and `Mm` meet.
 */
export function toCanonical(
  parameter: ParameterId,
  value: number,
  unit: string,
  field = 'unit',
): CanonicalValueResult {
  const spec = PARAMETERS[parameter];
  // hasOwnProperty so that 'constructor' or '__proto__' can never resolve to a function.
  const convert = Object.prototype.hasOwnProperty.call(spec.acceptedUnits, unit)
    ? spec.acceptedUnits[unit]
    : undefined;
  if (!convert) {
    const accepted = Object.keys(spec.acceptedUnits).join(', ');
    return {
      ok: false,
      rejection: rejection(
        'unknown-unit',
        `${field} ${describeValue(unit)} is not accepted for ${parameter}; expected one of: ${accepted}`,
        field,
      ),
    };
  }
  return { ok: true, value: convert(value), unit: spec.unit };
}

/** Refuses a canonical value outside the parameter's plausible range; undefined when it is inside. */
export function checkRange(parameter: ParameterId, value: number, field = 'value'): Rejection | undefined {
  const { min, max, unit } = PARAMETERS[parameter];
  if (value >= min && value <= max) return undefined;
  return rejection(
    'out-of-range',
    `${field} ${describeValue(value)} ${unit} is outside the plausible range for ${parameter} (${min}..${max} ${unit})`,
    field,
  );
}
