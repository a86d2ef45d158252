// Query-parameter rules of DMI's items endpoints, reimplemented for the fake: datetime, bbox, paging, sort.

/** Raised for a bad parameter; the server turns it into DMI's 400 error body. */
export class FakeDmiBadRequest extends Error {}

export const DEFAULT_LIMIT = 1000;
export const MAX_LIMIT = 300_000;

export interface TimeFilter {
  fromMs?: number;
  toMs?: number;
}

/** RFC 3339 instant, `A/B` (both inclusive), `A/..`, `../B`; undefined when the parameter is absent. */
export function parseDatetime(value: string | undefined): TimeFilter | undefined {
  if (value === undefined) return undefined;
  if (!value.includes('/')) {
    const at = parseInstant(value);
    return { fromMs: at, toMs: at };
  }
  const [from, to, ...rest] = value.split('/');
  if (rest.length > 0) throw new FakeDmiBadRequest(`Invalid datetime: ${value}`);
  const open = (part: string) => part === '..' || part === '';
  if (open(from) && open(to)) throw new FakeDmiBadRequest(`Invalid datetime: ${value}`);
  const filter: TimeFilter = {
    fromMs: open(from) ? undefined : parseInstant(from),
    toMs: open(to) ? undefined : parseInstant(to),
  };
  if (filter.fromMs !== undefined && filter.toMs !== undefined && filter.fromMs > filter.toMs) {
    throw new FakeDmiBadRequest(`Invalid datetime: start after end in ${value}`);
  }
  return filter;
}

export function inTime(filter: TimeFilter | undefined, iso: string): boolean {
  if (!filter) return true;
  const at = Date.parse(iso);
  return (
    (filter.fromMs === undefined || at >= filter.fromMs) && (filter.toMs === undefined || at <= filter.toMs)
  );
}

function parseInstant(value: string): number {
  // RFC 3339 needs a date, a time and an offset; Date.parse alone would also take "2023" or "Oct 20".
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    throw new FakeDmiBadRequest(`Invalid datetime: ${value}`);
  }
  const at = Date.parse(value);
  if (Number.isNaN(at)) throw new FakeDmiBadRequest(`Invalid datetime: ${value}`);
  return at;
}

export type BBox = [number, number, number, number];

export function parseBbox(value: string | undefined): BBox | undefined {
  if (value === undefined) return undefined;
  const parts = value.split(',').map(Number);
  if (
    parts.length !== 4 ||
    parts.some((n) => !Number.isFinite(n)) ||
    parts[0] > parts[2] ||
    parts[1] > parts[3]
  ) {
    throw new FakeDmiBadRequest(`Invalid bbox: ${value}`);
  }
  return parts as BBox;
}

export function inBbox(bbox: BBox | undefined, coordinates: [number, number] | undefined): boolean {
  if (!bbox) return true;
  if (!coordinates) return false;
  const [lon, lat] = coordinates;
  return lon >= bbox[0] && lon <= bbox[2] && lat >= bbox[1] && lat <= bbox[3];
}

export function parseLimit(value: string | undefined): number {
  if (value === undefined) return DEFAULT_LIMIT;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new FakeDmiBadRequest(`Invalid limit: ${value} (1..${MAX_LIMIT})`);
  }
  return limit;
}

export function parseOffset(value: string | undefined): number {
  if (value === undefined) return 0;
  const offset = Number(value);
  if (!Number.isInteger(offset) || offset < 0) throw new FakeDmiBadRequest(`Invalid offset: ${value}`);
  return offset;
}

/** DMI sorts observations newest first unless asked otherwise; only `observed` is sortable here. */
export function parseSortDescending(value: string | undefined): boolean {
  if (value === undefined) return true;
  const [field, direction = 'ASC'] = value.split(',');
  if (field !== 'observed' || !['ASC', 'DESC'].includes(direction.toUpperCase())) {
    throw new FakeDmiBadRequest(`Invalid sortorder: ${value}`);
  }
  return direction.toUpperCase() === 'DESC';
}

/** EDR coords for the position query: WKT `POINT(lon lat)`. */
export function parsePointCoords(value: string | undefined): [number, number] {
  const match = /^POINT\s*\(\s*(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)\s*\)$/i.exec(value ?? '');
  if (!match) throw new FakeDmiBadRequest(`Invalid coords: ${value ?? '(missing)'}`);
  return [Number(match[1]), Number(match[2])];
}
