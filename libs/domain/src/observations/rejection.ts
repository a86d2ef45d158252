// Owns the typed reason an input value was refused (or set aside) on its way to becoming an Observation.

export const REJECTION_CODES = [
  'malformed',
  'missing-field',
  'wrong-type',
  'not-finite',
  'unknown-parameter',
  'unknown-unit',
  'out-of-range',
  'future-timestamp',
  'timestamp-too-old',
  'invalid-timestamp',
  'invalid-station-id',
  'unsupported-datum',
  'null-value',
  'unmapped-parameter',
  'forbidden-station',
  'sensor-not-calibrated',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

export interface Rejection {
  code: RejectionCode;
  /** One sentence for an operator: names the field and quotes the offending value. */
  message: string;
  /** The input field at fault, when one is. */
  field?: string;
}

// Rejections end up in logs and dead-letter topics; a hostile or broken producer must not be able to
// flood them, so quoted values are cut short.
const MAX_QUOTED_CHARS = 60;

export function rejection(code: RejectionCode, message: string, field?: string): Rejection {
  return field === undefined ? { code, message } : { code, message, field };
}

/**
 * Renders any value for a message: strings quoted, NaN/Infinity/undefined spelled out (JSON.stringify
 * would turn them into `null` and hide exactly what was wrong), long text truncated with an ellipsis.
 */
export function describeValue(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    text = String(value);
  else if (value === undefined) text = 'undefined';
  else if (typeof value === 'symbol' || typeof value === 'function') text = `a ${typeof value}`;
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      // Circular structures cannot be stringified; their shape is all an operator needs.
      text = Array.isArray(value) ? 'an array' : 'an object';
    }
  }
  return text.length > MAX_QUOTED_CHARS ? `${text.slice(0, MAX_QUOTED_CHARS)}…` : text;
}

/** What kind of value arrived, for wrong-type messages ("got string", "got null"). */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
