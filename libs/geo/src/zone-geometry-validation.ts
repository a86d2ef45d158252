// Checks a zone's geometry as a planner drew it: a GeoJSON (RFC 7946) Polygon or MultiPolygon that is well
// formed, simple, not absurdly large and inside the area the service watches. Every problem is reported, each
// with a code, a message a planner can act on and the JSON path of the ring or position concerned.
// Clockwise rings are accepted (RFC 7946 §3.1.6: parsers SHOULD NOT reject them) and rewound in the result.
import { area as turfArea, booleanPointInPolygon, kinks } from '@turf/turf';
import type { MultiPolygonGeometry, PolygonGeometry, Position, ZoneGeometry } from '@klimavagt/domain';

export type ServiceArea = [minLon: number, minLat: number, maxLon: number, maxLat: number];

export type ZoneGeometryProblemCode =
  | 'unsupported-geometry'
  | 'invalid-position'
  | 'coordinate-out-of-range'
  | 'ring-not-closed'
  | 'too-few-positions'
  | 'degenerate-ring'
  | 'self-intersection'
  | 'hole-outside-shell'
  | 'too-many-vertices'
  | 'too-large'
  | 'lat-lon-swapped'
  | 'outside-service-area';

export interface ZoneGeometryProblem {
  code: ZoneGeometryProblemCode;
  message: string;
  /** JSON path inside the geometry, e.g. `coordinates[0][3]` (Polygon) or `coordinates[1][0][3]` (MultiPolygon). */
  path?: string;
}

export interface ZoneGeometryValidationOptions {
  /** Most positions (closing positions included) one geometry may have. Default 5000. */
  maxVertices?: number;
  /** Largest area in km². Default 2000. */
  maxAreaKm2?: number;
  /** [minLon, minLat, maxLon, maxLat] every position must lie in. Default Denmark. */
  serviceArea?: ServiceArea;
}

export type ZoneGeometryValidation = { ok: true; geometry: ZoneGeometry } | { ok: false; problems: ZoneGeometryProblem[] };

export const DEFAULT_MAX_VERTICES = 5000;
export const DEFAULT_MAX_AREA_KM2 = 2000;
export const DENMARK_SERVICE_AREA: ServiceArea = [7.5, 54.4, 15.5, 58.0];

/** Per code, at most this many problems are listed one by one; the rest are summed up in one more problem. */
const MAX_LISTED_PER_CODE = 20;

interface Ring {
  /** `coordinates[r]` or `coordinates[p][r]`. */
  path: string;
  /** Index of the ring within its polygon: 0 is the exterior ring (shell), others are holes. */
  index: number;
  raw: unknown[];
  /** Parsed [lon, lat] positions; only complete when every position parsed. */
  positions: Position[];
  parsed: boolean;
}

interface Polygon {
  path: string;
  rings: Ring[];
}

class Problems {
  readonly list: ZoneGeometryProblem[] = [];
  private readonly counts = new Map<ZoneGeometryProblemCode, number>();

  add(code: ZoneGeometryProblemCode, message: string, path?: string): void {
    const n = (this.counts.get(code) ?? 0) + 1;
    this.counts.set(code, n);
    if (n <= MAX_LISTED_PER_CODE) this.list.push(path === undefined ? { code, message } : { code, message, path });
  }

  has(...codes: ZoneGeometryProblemCode[]): boolean {
    return codes.some((code) => (this.counts.get(code) ?? 0) > 0);
  }

  /** The list, with one summary problem per code that had more than MAX_LISTED_PER_CODE. */
  finish(): ZoneGeometryProblem[] {
    for (const [code, n] of this.counts) {
      if (n > MAX_LISTED_PER_CODE) {
        this.list.push({ code, message: `…and ${n - MAX_LISTED_PER_CODE} more problems of this kind (${n} in all; the first ${MAX_LISTED_PER_CODE} are listed)` });
      }
    }
    return this.list;
  }
}

/** Validates a zone geometry; on success returns it normalised: exterior rings counter-clockwise, holes clockwise, positions [lon, lat]. */
export function validateZoneGeometry(geometry: unknown, options: ZoneGeometryValidationOptions = {}): ZoneGeometryValidation {
  const maxVertices = options.maxVertices ?? DEFAULT_MAX_VERTICES;
  const maxAreaKm2 = options.maxAreaKm2 ?? DEFAULT_MAX_AREA_KM2;
  const serviceArea = options.serviceArea ?? DENMARK_SERVICE_AREA;
  const problems = new Problems();

  const structure = readStructure(geometry, problems);
  if (!structure) return { ok: false, problems: problems.finish() };
  const { type, polygons } = structure;
  const rings = polygons.flatMap((p) => p.rings);

  // Positions: shape, then range.
  let vertices = 0;
  for (const ring of rings) {
    vertices += ring.raw.length;
    ring.parsed = true;
    ring.raw.forEach((value, i) => {
      const path = `${ring.path}[${i}]`;
      const position = readPosition(value);
      if (!position) {
        ring.parsed = false;
        problems.add(
          'invalid-position',
          `${path} is ${show(value)}: a position must be an array of 2 finite numbers [longitude, latitude] (a third, elevation, is allowed)`,
          path,
        );
        return;
      }
      ring.positions.push(position);
      const [lon, lat] = position;
      if (lon < -180 || lon > 180) {
        problems.add('coordinate-out-of-range', `${path} has longitude ${lon}, outside [-180, 180]`, path);
      }
      if (lat < -90 || lat > 90) {
        const hint = lon >= -90 && lon <= 90 && lat >= -180 && lat <= 180 ? ' (is it [latitude, longitude]? GeoJSON positions are [longitude, latitude])' : '';
        problems.add('coordinate-out-of-range', `${path} has latitude ${lat}, outside [-90, 90]${hint}`, path);
      }
    });
  }

  // Rings: closed, long enough, enclosing an area.
  for (const ring of rings) {
    if (!ring.parsed) continue;
    const what = ringName(ring);
    const n = ring.raw.length;
    if (n < 4) {
      problems.add(
        'too-few-positions',
        `${what} has ${n} position${n === 1 ? '' : 's'}; a linear ring needs at least 4 (3 corners and the first repeated as the last)`,
        ring.path,
      );
    }
    if (n > 0 && !sameValues(ring.raw[0] as number[], ring.raw[n - 1] as number[])) {
      problems.add(
        'ring-not-closed',
        `${what} is not closed: its first position ${ring.path}[0] ${show(ring.raw[0])} differs from its last ${ring.path}[${n - 1}] ${show(ring.raw[n - 1])}; repeat the first position at the end`,
        ring.path,
      );
    } else if (n >= 4) {
      const distinct = dedupeConsecutive(ring.positions).length - 1;
      if (distinct < 3) {
        problems.add('degenerate-ring', `${what} encloses no area (only ${Math.max(distinct, 1)} distinct position${distinct > 1 ? 's' : ''})`, ring.path);
      } else if (allOnOneLine(ring.positions)) {
        problems.add('degenerate-ring', `${what} encloses no area (all positions lie on one line)`, ring.path);
      }
    }
  }

  if (vertices > maxVertices) {
    problems.add(
      'too-many-vertices',
      `the geometry has ${vertices} positions; at most ${maxVertices} are allowed: simplify it (a zone boundary rarely needs more detail than a few metres)`,
      'coordinates',
    );
  }

  const positionsReadable = !problems.has('unsupported-geometry', 'invalid-position');
  const positionsInRange = positionsReadable && !problems.has('coordinate-out-of-range');
  const ringsSound = positionsInRange && !problems.has('too-few-positions', 'ring-not-closed', 'degenerate-ring');

  if (positionsInRange) checkServiceArea(rings, serviceArea, problems);
  // Crossing tests cost O(n²): only run them on a geometry within the vertex cap.
  if (ringsSound && !problems.has('too-many-vertices')) {
    for (const polygon of polygons) checkPolygonTopology(polygon, problems);
    if (polygons.length > 1) checkPolygonsApart(polygons, problems);
  }

  let normalised: ZoneGeometry | undefined;
  if (ringsSound) {
    normalised = rewound(type, polygons);
    const km2 = turfArea(normalised) / 1e6;
    if (km2 > maxAreaKm2) {
      problems.add('too-large', `the zone covers ${formatKm2(km2)} km²; at most ${formatKm2(maxAreaKm2)} km² is allowed`, 'coordinates');
    }
  }

  if (problems.list.length > 0 || !normalised) return { ok: false, problems: problems.finish() };
  return { ok: true, geometry: normalised };
}

// ---------------------------------------------------------------------------------------------------- structure

function readStructure(geometry: unknown, problems: Problems): { type: ZoneGeometry['type']; polygons: Polygon[] } | undefined {
  if (typeof geometry !== 'object' || geometry === null || Array.isArray(geometry)) {
    problems.add('unsupported-geometry', `a zone geometry must be a GeoJSON Polygon or MultiPolygon object; got ${show(geometry)}`);
    return undefined;
  }
  const { type, coordinates } = geometry as { type?: unknown; coordinates?: unknown };
  if (type !== 'Polygon' && type !== 'MultiPolygon') {
    problems.add('unsupported-geometry', unsupportedTypeMessage(type), 'type');
    return undefined;
  }
  if (!Array.isArray(coordinates)) {
    problems.add('unsupported-geometry', `coordinates must be an array; got ${show(coordinates)}`, 'coordinates');
    return undefined;
  }
  if (coordinates.length === 0) {
    const needs = type === 'Polygon' ? 'an exterior ring' : 'at least one polygon';
    problems.add('unsupported-geometry', `coordinates is empty: a ${type} needs ${needs}`, 'coordinates');
    return undefined;
  }
  const polygons: Polygon[] = [];
  if (type === 'Polygon') {
    const polygon = readPolygon(coordinates, 'coordinates', 'Polygon', problems);
    if (polygon) polygons.push(polygon);
  } else {
    coordinates.forEach((value, p) => {
      const path = `coordinates[${p}]`;
      if (!Array.isArray(value)) {
        problems.add('unsupported-geometry', `${path} must be a polygon (an array of linear rings); got ${show(value)}`, path);
      } else if (value.length === 0) {
        problems.add('unsupported-geometry', `${path} is an empty polygon: it needs an exterior ring`, path);
      } else if (isPosition(value)) {
        problems.add(
          'unsupported-geometry',
          `${path} is a position, not a polygon: a MultiPolygon's coordinates are polygons → rings → positions (two more levels of brackets)`,
          path,
        );
      } else {
        const polygon = readPolygon(value, path, 'MultiPolygon', problems);
        if (polygon) polygons.push(polygon);
      }
    });
  }
  if (problems.has('unsupported-geometry')) return undefined;
  return { type, polygons };
}

function readPolygon(value: unknown[], path: string, type: ZoneGeometry['type'], problems: Problems): Polygon | undefined {
  if (value.every((v) => Array.isArray(v) && isPosition(v))) {
    problems.add(
      'unsupported-geometry',
      type === 'Polygon'
        ? `${path} is one ring of positions, not an array of rings: a Polygon's coordinates are rings → positions (wrap the ring in one more pair of brackets)`
        : `${path} is one ring of positions, not a polygon: a MultiPolygon's coordinates are polygons → rings → positions (these look like Polygon coordinates)`,
      path,
    );
    return undefined;
  }
  const rings: Ring[] = [];
  value.forEach((ring, r) => {
    const ringPath = `${path}[${r}]`;
    if (!Array.isArray(ring)) {
      problems.add('unsupported-geometry', `${ringPath} must be a linear ring (an array of positions); got ${show(ring)}`, ringPath);
    } else if (isPosition(ring)) {
      problems.add('unsupported-geometry', `${ringPath} is ${show(ring)}, a position, not a linear ring (an array of positions)`, ringPath);
    } else {
      rings.push({ path: ringPath, index: r, raw: ring, positions: [], parsed: false });
    }
  });
  return rings.length === value.length ? { path, rings } : undefined;
}

function unsupportedTypeMessage(type: unknown): string {
  if (typeof type !== 'string') return `a zone geometry needs "type": "Polygon" or "MultiPolygon"; got type ${show(type)}`;
  if (type === 'Feature') return 'got a GeoJSON Feature; pass its "geometry" (a Polygon or MultiPolygon)';
  if (type === 'FeatureCollection') return 'got a GeoJSON FeatureCollection; pass one feature\'s "geometry" (a Polygon or MultiPolygon)';
  if (type.toLowerCase() === 'polygon' || type.toLowerCase() === 'multipolygon') {
    return `type "${type}" is not a GeoJSON type: types are case-sensitive ("Polygon", "MultiPolygon")`;
  }
  return `type "${type}" is not supported: a zone is an area, a GeoJSON Polygon or MultiPolygon`;
}

function isPosition(value: unknown[]): boolean {
  return value.length > 0 && value.every((v) => typeof v === 'number');
}

function readPosition(value: unknown): Position | undefined {
  if (!Array.isArray(value) || (value.length !== 2 && value.length !== 3)) return undefined;
  if (!value.every((v) => typeof v === 'number' && Number.isFinite(v))) return undefined;
  return [value[0] as number, value[1] as number];
}

function sameValues(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

// ---------------------------------------------------------------------------------------------------- service area

function checkServiceArea(rings: Ring[], [minLon, minLat, maxLon, maxLat]: ServiceArea, problems: Problems): void {
  const inside = (lon: number, lat: number) => lon >= minLon && lon <= maxLon && lat >= minLat && lat <= maxLat;
  let total = 0;
  let outside = 0;
  let swappedInside = 0;
  let first: { path: string; position: Position } | undefined;
  for (const ring of rings) {
    ring.positions.forEach((position, i) => {
      total += 1;
      const [lon, lat] = position;
      if (!inside(lon, lat)) {
        outside += 1;
        first ??= { path: `${ring.path}[${i}]`, position };
      }
      if (inside(lat, lon)) swappedInside += 1;
    });
  }
  if (!first) return;
  const area = `longitude ${minLon}…${maxLon}, latitude ${minLat}…${maxLat}`;
  if (swappedInside === total) {
    problems.add(
      'lat-lon-swapped',
      `${first.path} is ${show(first.position)}: looks like [latitude, longitude]; GeoJSON positions are [longitude, latitude]. ` +
        `Swapped, every position would lie inside the service area (${area}).`,
      first.path,
    );
  } else {
    problems.add(
      'outside-service-area',
      `${outside} of ${total} positions lie outside the service area (${area}); the first is ${first.path} ${show(first.position)}`,
      first.path,
    );
  }
}

// ---------------------------------------------------------------------------------------------------- topology

function ringName(ring: Ring): string {
  return ring.index === 0 ? `exterior ring ${ring.path}` : `hole ${ring.path}`;
}

function checkPolygonTopology(polygon: Polygon, problems: Problems): void {
  const [shell, ...holes] = polygon.rings;
  for (const ring of polygon.rings) {
    const line = dedupeConsecutive(ring.positions);
    const found = kinks({ type: 'LineString', coordinates: line });
    if (found.features.length === 0) continue;
    const where = firstSelfCrossing(ring.positions);
    const at = where ? formatPoint(where.point) : formatPoint(found.features[0].geometry.coordinates as Position);
    const edges = where
      ? `: edge ${ring.path}[${where.i}]→[${where.iEnd}] meets edge ${ring.path}[${where.k}]→[${where.kEnd}]`
      : '';
    const more = found.features.length > 1 ? ` (${found.features.length} crossing points in all)` : '';
    problems.add('self-intersection', `${ringName(ring)} crosses itself at ${at}${edges}${more}`, ring.path);
  }
  if (problems.has('self-intersection')) return;

  const shellPolygon: PolygonGeometry = { type: 'Polygon', coordinates: [shell.positions] };
  for (const hole of holes) {
    const outsideAt = hole.positions.findIndex((p) => !booleanPointInPolygon(p, shellPolygon));
    if (outsideAt >= 0) {
      const path = `${hole.path}[${outsideAt}]`;
      problems.add(
        'hole-outside-shell',
        `hole ${hole.path} is not inside its exterior ring ${shell.path}: its position ${path} ${show(hole.positions[outsideAt])} lies outside it`,
        path,
      );
      continue;
    }
    const crossing = firstProperCrossing(hole.positions, shell.positions);
    if (crossing) {
      problems.add(
        'hole-outside-shell',
        `hole ${hole.path} is not inside its exterior ring ${shell.path}: edge ${hole.path}[${crossing.i}]→[${crossing.i + 1}] crosses edge ${shell.path}[${crossing.k}]→[${crossing.k + 1}] at ${formatPoint(crossing.point)}`,
        hole.path,
      );
    }
  }
  for (let a = 0; a < holes.length; a++) {
    for (let b = a + 1; b < holes.length; b++) {
      const crossing = firstProperCrossing(holes[a].positions, holes[b].positions);
      if (crossing) {
        problems.add(
          'self-intersection',
          `holes ${holes[a].path} and ${holes[b].path} cross at ${formatPoint(crossing.point)}: edge ${holes[a].path}[${crossing.i}]→[${crossing.i + 1}] crosses edge ${holes[b].path}[${crossing.k}]→[${crossing.k + 1}]`,
          holes[a].path,
        );
      }
    }
  }
}

/** The polygons of a MultiPolygon must not cross one another (their exterior rings' edges). */
function checkPolygonsApart(polygons: Polygon[], problems: Problems): void {
  for (let a = 0; a < polygons.length; a++) {
    for (let b = a + 1; b < polygons.length; b++) {
      const shellA = polygons[a].rings[0];
      const shellB = polygons[b].rings[0];
      const crossing = firstProperCrossing(shellA.positions, shellB.positions);
      if (crossing) {
        problems.add(
          'self-intersection',
          `polygons ${polygons[a].path} and ${polygons[b].path} overlap: edge ${shellA.path}[${crossing.i}]→[${crossing.i + 1}] crosses edge ${shellB.path}[${crossing.k}]→[${crossing.k + 1}] at ${formatPoint(crossing.point)}`,
          polygons[a].path,
        );
      }
    }
  }
}

interface Crossing {
  i: number;
  iEnd: number;
  k: number;
  kEnd: number;
  point: Position;
}

/**
 * The first pair of non-adjacent edges of a ring that meet, judged as turf's kinks judges them (on the ring without
 * repeated consecutive positions), to say where; edge ends are reported as indices into the ring as given.
 */
function firstSelfCrossing(ring: Position[]): Crossing | undefined {
  const at: number[] = []; // index in `ring` of each kept position
  ring.forEach((p, i) => {
    if (i === 0 || !samePosition(p, ring[i - 1])) at.push(i);
  });
  const n = at.length - 1; // edges
  for (let i = 0; i < n; i++) {
    for (let k = i + 2; k < n; k++) {
      if (i === 0 && k === n - 1) continue; // first and last edge share the closing position
      const point = segmentIntersection(ring[at[i]], ring[at[i + 1]], ring[at[k]], ring[at[k + 1]], false);
      if (point) return { i: at[i], iEnd: at[i + 1], k: at[k], kEnd: at[k + 1], point };
    }
  }
  return undefined;
}

/** The first pair of edges, one of each ring, that properly cross (touching at a point is allowed). */
function firstProperCrossing(a: Position[], b: Position[]): Crossing | undefined {
  const boxB = bboxOf(b);
  for (let i = 0; i < a.length - 1; i++) {
    const p = a[i];
    const q = a[i + 1];
    if (Math.max(p[0], q[0]) < boxB[0] || Math.min(p[0], q[0]) > boxB[2] || Math.max(p[1], q[1]) < boxB[1] || Math.min(p[1], q[1]) > boxB[3]) {
      continue;
    }
    for (let k = 0; k < b.length - 1; k++) {
      const point = segmentIntersection(p, q, b[k], b[k + 1], true);
      if (point) return { i, iEnd: i + 1, k, kEnd: k + 1, point };
    }
  }
  return undefined;
}

/** Where segments p1p2 and p3p4 meet; `proper`: only a crossing at a point interior to both. */
function segmentIntersection(p1: Position, p2: Position, p3: Position, p4: Position, proper: boolean): Position | undefined {
  const d = (p4[1] - p3[1]) * (p2[0] - p1[0]) - (p4[0] - p3[0]) * (p2[1] - p1[1]);
  if (d === 0) return undefined;
  const ua = ((p4[0] - p3[0]) * (p1[1] - p3[1]) - (p4[1] - p3[1]) * (p1[0] - p3[0])) / d;
  const ub = ((p2[0] - p1[0]) * (p1[1] - p3[1]) - (p2[1] - p1[1]) * (p1[0] - p3[0])) / d;
  const within = proper ? ua > 0 && ua < 1 && ub > 0 && ub < 1 : ua >= 0 && ua <= 1 && ub >= 0 && ub <= 1;
  return within ? [p1[0] + ua * (p2[0] - p1[0]), p1[1] + ua * (p2[1] - p1[1])] : undefined;
}

function samePosition(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

function dedupeConsecutive(ring: Position[]): Position[] {
  return ring.filter((p, i) => i === 0 || !samePosition(p, ring[i - 1]));
}

function bboxOf(ring: Position[]): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of ring) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}

// ---------------------------------------------------------------------------------------------------- winding

/** Whether every position lies on one line through the first (to 1e-9 rad: floating-point noise aside). */
function allOnOneLine(ring: Position[]): boolean {
  const a = ring[0];
  let b = a;
  let far = 0;
  for (const p of ring) {
    const d = Math.hypot(p[0] - a[0], p[1] - a[1]);
    if (d > far) [b, far] = [p, d];
  }
  if (far === 0) return true;
  return ring.every((c) => {
    const cross = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
    return Math.abs(cross) <= 1e-9 * far * Math.hypot(c[0] - a[0], c[1] - a[1]);
  });
}

/** Planar shoelace over [lon, lat]: positive for a counter-clockwise ring. Enough to tell the winding. */
function signedArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return sum / 2;
}

/** RFC 7946 §3.1.6 right-hand rule: exterior rings counter-clockwise, holes clockwise. New arrays; input untouched. */
function rewound(type: ZoneGeometry['type'], polygons: Polygon[]): ZoneGeometry {
  const rings = polygons.map((polygon) =>
    polygon.rings.map((ring) => {
      const copy = ring.positions.map(([lon, lat]): Position => [lon, lat]);
      const counterClockwise = signedArea(copy) > 0;
      return counterClockwise === (ring.index === 0) ? copy : copy.reverse();
    }),
  );
  return type === 'Polygon'
    ? ({ type: 'Polygon', coordinates: rings[0] } satisfies PolygonGeometry)
    : ({ type: 'MultiPolygon', coordinates: rings } satisfies MultiPolygonGeometry);
}

// ---------------------------------------------------------------------------------------------------- messages

function show(value: unknown, depth = 0): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) {
    if (depth >= 3) return '[…]';
    const shown = value.slice(0, 4).map((v) => show(v, depth + 1));
    return `[${shown.join(', ')}${value.length > 4 ? `, … (${value.length} items)` : ''}]`;
  }
  if (value === null || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') return depth >= 1 ? '{…}' : `an object with keys ${JSON.stringify(Object.keys(value).slice(0, 5))}`;
  return typeof value;
}

function formatPoint([lon, lat]: Position): string {
  return `[${round(lon, 6)}, ${round(lat, 6)}]`;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function formatKm2(km2: number): string {
  return km2.toLocaleString('en-GB', { maximumFractionDigits: 1 });
}
