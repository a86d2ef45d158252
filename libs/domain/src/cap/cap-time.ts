// Owns CAP's date-time form and Danish local time: every CAP time is written in Europe/Copenhagen.
import { CapInputError } from './cap-error';

// What callers pass in: an ISO 8601 instant with seconds and a zone (`toISOString()` output or a CAP time).
const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

/**
 * The instant of `iso` in epoch milliseconds, truncated to the whole second: CAP times carry no
 * fractions, and truncating (never rounding) keeps a `sent` from moving past the moment it names.
 */
export function capInstantMs(iso: string, field: string): number {
  const m = ISO_INSTANT.exec(iso);
  if (!m)
    throw new CapInputError(
      field,
      `${JSON.stringify(iso)} is not an ISO 8601 instant with seconds and a zone`,
    );
  const [, y, mo, d, h, mi, s, zulu, sign, offH, offM] = m;
  const fields = [y, mo, d, h, mi, s].map(Number);
  const local = Date.UTC(fields[0], fields[1] - 1, fields[2], fields[3], fields[4], fields[5]);
  const back = new Date(local);
  // Date.UTC rolls 31 April over into 1 May; a round trip catches dates that do not exist.
  if (
    fields[0] < 1900 ||
    back.getUTCMonth() !== fields[1] - 1 ||
    back.getUTCDate() !== fields[2] ||
    back.getUTCHours() !== fields[3] ||
    back.getUTCMinutes() !== fields[4] ||
    back.getUTCSeconds() !== fields[5]
  ) {
    throw new CapInputError(field, `${JSON.stringify(iso)} names a date or time that does not exist`);
  }
  if (!zulu && (Number(offH) > 23 || Number(offM) > 59)) {
    throw new CapInputError(field, `${JSON.stringify(iso)} has an impossible zone offset`);
  }
  const offsetMin = zulu ? 0 : (sign === '-' ? -1 : 1) * (Number(offH) * 60 + Number(offM));
  return local - offsetMin * 60_000;
}

/**
 * Minutes Denmark is ahead of UTC at `epochMs`: +120 in EU summer time (last Sunday of March 01:00 UTC
 * to last Sunday of October 01:00 UTC), else +60. The EU rule holds since 1996, before anything
 * Klimavagt alerts on; computing it here keeps the domain free of the host's time-zone database.
 */
export function copenhagenOffsetMinutes(epochMs: number): 60 | 120 {
  const year = new Date(epochMs).getUTCFullYear();
  const start = lastSundayUtc(year, 2) + 3_600_000;
  const end = lastSundayUtc(year, 9) + 3_600_000;
  return epochMs >= start && epochMs < end ? 120 : 60;
}

function lastSundayUtc(year: number, monthIndex: number): number {
  const lastDay = new Date(Date.UTC(year, monthIndex + 1, 0));
  return Date.UTC(year, monthIndex, lastDay.getUTCDate() - lastDay.getUTCDay());
}

export interface DanishLocalTime {
  year: number;
  /** 1..12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  offsetMinutes: 60 | 120;
}

/** The wall-clock reading in Denmark at `epochMs`. */
export function danishLocalTime(epochMs: number): DanishLocalTime {
  const offsetMinutes = copenhagenOffsetMinutes(epochMs);
  const t = new Date(epochMs + offsetMinutes * 60_000);
  return {
    year: t.getUTCFullYear(),
    month: t.getUTCMonth() + 1,
    day: t.getUTCDate(),
    hour: t.getUTCHours(),
    minute: t.getUTCMinutes(),
    second: t.getUTCSeconds(),
    offsetMinutes,
  };
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * `iso` as a CAP 1.2 date-time: `2023-10-21T04:40:00+02:00`. CAP forbids `Z` and fractions (the schema's
 * pattern refuses both) and its text asks for UTC as `-00:00`, which ISO 8601 forbids; writing Danish
 * local time with its real offset satisfies all three and is what the people alerted read on a clock.
 */
export function toCapDateTime(iso: string, field = 'time'): string {
  const t = danishLocalTime(capInstantMs(iso, field));
  const date = `${String(t.year).padStart(4, '0')}-${two(t.month)}-${two(t.day)}`;
  return `${date}T${two(t.hour)}:${two(t.minute)}:${two(t.second)}+${two(t.offsetMinutes / 60)}:00`;
}

/** `04:40`: the Danish clock reading, for headlines. */
export function danishClock(epochMs: number): string {
  const t = danishLocalTime(epochMs);
  return `${two(t.hour)}:${two(t.minute)}`;
}

const MONTHS_DA = [
  'januar',
  'februar',
  'marts',
  'april',
  'maj',
  'juni',
  'juli',
  'august',
  'september',
  'oktober',
  'november',
  'december',
];
const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** `21. oktober 2023 kl. 04:40` / `21 October 2023 at 04:40 (Danish time)`. */
export function danishDateTimeText(epochMs: number, lang: 'da' | 'en'): string {
  const t = danishLocalTime(epochMs);
  const clock = `${two(t.hour)}:${two(t.minute)}`;
  return lang === 'da'
    ? `${t.day}. ${MONTHS_DA[t.month - 1]} ${t.year} kl. ${clock}`
    : `${t.day} ${MONTHS_EN[t.month - 1]} ${t.year} at ${clock} (Danish time)`;
}
