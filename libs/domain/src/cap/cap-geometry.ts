// Owns turning a zone's GeoJSON geometry into CAP <polygon> values: latitude first, closed rings.
import type { Position, ZoneGeometry } from '../zones/zone';
import { CapInputError } from './cap-error';

/** ~0.1 m at Danish latitudes: finer than any drawn zone, and short enough to keep messages small. */
const DECIMALS = 6;

/**
 * One CAP polygon per exterior ring (one for a Polygon, one per part of a MultiPolygon), each
 * `"lat,lon lat,lon ..."`. GeoJSON is [lon, lat]; CAP is the reverse, and a swapped pair puts Assens
 * in the Indian Ocean, so the order is the point of this function. Holes are left out: CAP has no
 * holes and its area is the union of its polygons, so a hole written as a polygon would add nothing;
 * the alert area therefore includes any hole, which errs on the side of warning.
 */
export function capPolygons(geometry: ZoneGeometry, field = 'zone.geometry'): string[] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  if (polygons.length === 0) throw new CapInputError(field, 'has no polygons');
  return polygons.map((rings, i) => {
    if (!rings || rings.length === 0) throw new CapInputError(`${field}[${i}]`, 'has no exterior ring');
    return capRing(rings[0], `${field}[${i}][0]`);
  });
}

/** A ring as a CAP polygon value; closes an unclosed ring, since CAP requires first = last. */
export function capRing(ring: readonly Position[], field: string): string {
  const pairs = ring.map((p, i) => latLon(p, `${field}[${i}]`));
  if (pairs.length > 0 && pairs[0] !== pairs[pairs.length - 1]) pairs.push(pairs[0]);
  // CAP: "at least four coordinate pairs, the first and last identical" — a triangle is the least.
  if (pairs.length < 4)
    throw new CapInputError(field, `a ring needs at least 3 distinct corners, got ${ring.length} positions`);
  return pairs.join(' ');
}

function latLon(position: Position, field: string): string {
  const [lon, lat] = position ?? [];
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || lon < -180 || lon > 180 || lat < -90 || lat > 90) {
    throw new CapInputError(
      field,
      `${JSON.stringify(position)} is not a [lon, lat] position in WGS84 degrees`,
    );
  }
  return `${coordinate(lat)},${coordinate(lon)}`;
}

/** Fixed decimals without trailing zeros: `55.266`, not `55.266000`; never exponent notation. */
function coordinate(value: number): string {
  const fixed = value.toFixed(DECIMALS).replace(/\.?0+$/, '');
  return fixed === '-0' ? '0' : fixed;
}
