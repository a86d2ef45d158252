// Which zones does an observation from a station concern? A station threatens a zone when it stands inside it,
// within the zone's `nearbyDistanceM` of it, or is one of the gauges listed as representative for it (a coastal
// zone is judged by the tide gauge in the harbour, outside the polygon).
//
// ZoneIndex answers that from a packed Hilbert R-tree (flatbush) over each zone's bounding box grown by its
// nearby distance, built once: only the few zones whose grown box holds the station (and the zones listing it as
// representative) are candidates, and a candidate gets the exact tests (turf's booleanPointInPolygon, then
// distanceToZoneM) unless its own bounding box already settles them.
// naiveZonesThreatenedBy runs the exact tests on every zone: the correctness oracle and the benchmark baseline.
// The shortcuts only skip tests whose outcome is certain, so both answer identically, distances included.
import { booleanPointInPolygon } from '@turf/turf';
import type { Zone } from '@klimavagt/domain';
import { distanceToZoneM, metresPerDegree } from './distance';
import { Flatbush } from './flatbush';

export type IndexedZone = Pick<Zone, 'id' | 'geometry' | 'representativeStationIds' | 'nearbyDistanceM'>;

/** What the index needs of a station (a domain `Station` fits). `location` is [longitude, latitude], WGS84. */
export interface StationPoint {
  id: string;
  location: [number, number];
}

export type ZoneRelation = 'inside' | 'nearby' | 'representative';

export interface ZoneThreat {
  zoneId: string;
  /** `inside` wins over `representative`, which wins over `nearby`. */
  relation: ZoneRelation;
  /** Metres from the station to the zone's boundary (`distanceToZoneM`, WGS84); 0 when inside. */
  distanceM: number;
}

/** Fewest metres a degree of latitude spans anywhere on the WGS84 ellipsoid (at the equator). */
const MIN_M_PER_DEG_LAT = 110_574;
/** Fewest metres a degree of longitude spans at latitude φ is this × cos φ (the ellipsoid only adds to it). */
const M_PER_DEG_LON_EQUATOR = 111_319;

/** An immutable index over a set of zones. Build a new one when the zones change. */
export class ZoneIndex {
  private constructor(
    /** Zones sorted by id: item i of the tree is zones[i], so sorting hits by item sorts them by id. */
    private readonly zones: readonly IndexedZone[],
    private readonly tree: Flatbush | undefined,
    /** Station id → items of the zones that list it as representative. */
    private readonly representedBy: ReadonlyMap<string, readonly number[]>,
    /** Item i's own bounding box at [4i, 4i + 4): minLon, minLat, maxLon, maxLat. */
    private readonly bounds: Float64Array,
  ) {}

  static build(zones: readonly IndexedZone[]): ZoneIndex {
    const sorted = [...zones].sort((a, b) => compareIds(a.id, b.id));
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i].id === sorted[i - 1].id) throw new Error(`ZoneIndex: zone id ${JSON.stringify(sorted[i].id)} appears more than once`);
    }
    const representedBy = new Map<string, number[]>();
    const bounds = new Float64Array(sorted.length * 4);
    let tree: Flatbush | undefined;
    if (sorted.length > 0) {
      tree = new Flatbush(sorted.length);
      sorted.forEach((zone, i) => {
        checkNearbyDistance(zone);
        const own = zoneBounds(zone);
        bounds.set(own, i * 4);
        const [minLon, minLat, maxLon, maxLat] = grow(own, zone.nearbyDistanceM);
        tree!.add(minLon, minLat, maxLon, maxLat);
        for (const stationId of new Set(zone.representativeStationIds)) {
          const items = representedBy.get(stationId);
          if (items) items.push(i);
          else representedBy.set(stationId, [i]);
        }
      });
      tree.finish();
    }
    return new ZoneIndex(sorted, tree, representedBy, bounds);
  }

  get size(): number {
    return this.zones.length;
  }

  /** The zones the station's observations concern, ordered by zone id. */
  zonesThreatenedBy(station: StationPoint): ZoneThreat[] {
    const [lon, lat] = checkLocation(station);
    const hits = this.tree ? this.tree.search(lon, lat, lon, lat) : [];
    const represented = this.representedBy.get(station.id);
    if (represented) hits.push(...represented);
    hits.sort((a, b) => a - b);
    const k = metresPerDegree(lat);
    const threats: ZoneThreat[] = [];
    for (let h = 0; h < hits.length; h++) {
      const item = hits[h];
      if (h > 0 && item === hits[h - 1]) continue;
      const zone = this.zones[item];
      const b = item * 4;
      // How far the station is from the zone's own box, per axis, in degrees (0 within it).
      const offLon = Math.max(this.bounds[b] - lon, 0, lon - this.bounds[b + 2]);
      const offLat = Math.max(this.bounds[b + 1] - lat, 0, lat - this.bounds[b + 3]);
      // Outside its own box a station is not inside the zone, and booleanPointInPolygon would say so.
      if (offLon === 0 && offLat === 0 && booleanPointInPolygon(station.location, zone.geometry)) {
        threats.push({ zoneId: zone.id, relation: 'inside', distanceM: 0 });
        continue;
      }
      const representative = zone.representativeStationIds.includes(station.id);
      // The distance to the box, in distanceToZoneM's metric, is a lower bound of the distance to the zone: when
      // even that exceeds the nearby distance (with room for rounding), the exact distance is not needed.
      if (!representative && Math.hypot(offLon * k.lon, offLat * k.lat) > zone.nearbyDistanceM * (1 + 1e-9) + 1e-6) continue;
      const distanceM = distanceToZoneM(station.location, zone.geometry);
      if (representative) threats.push({ zoneId: zone.id, relation: 'representative', distanceM });
      else if (distanceM <= zone.nearbyDistanceM) threats.push({ zoneId: zone.id, relation: 'nearby', distanceM });
    }
    return threats;
  }
}

/** The same answer as `ZoneIndex.zonesThreatenedBy`, by testing every zone: the correctness oracle and baseline. */
export function naiveZonesThreatenedBy(zones: readonly IndexedZone[], station: StationPoint): ZoneThreat[] {
  checkLocation(station);
  const threats: ZoneThreat[] = [];
  for (const zone of zones) {
    checkNearbyDistance(zone);
    const threat = judge(zone, station);
    if (threat) threats.push(threat);
  }
  return threats.sort((a, b) => compareIds(a.zoneId, b.zoneId));
}

/** The exact test of one station against one zone, as the naive scan runs it on every zone. */
function judge(zone: IndexedZone, station: StationPoint): ZoneThreat | undefined {
  const point = station.location;
  if (booleanPointInPolygon(point, zone.geometry)) return { zoneId: zone.id, relation: 'inside', distanceM: 0 };
  const distanceM = distanceToZoneM(point, zone.geometry);
  if (zone.representativeStationIds.includes(station.id)) return { zoneId: zone.id, relation: 'representative', distanceM };
  if (distanceM <= zone.nearbyDistanceM) return { zoneId: zone.id, relation: 'nearby', distanceM };
  return undefined;
}

/**
 * The zone's bounding box grown so that it holds every point within `nearbyDistanceM` of the zone. Edges are
 * straight in [lon, lat] (RFC 7946 §3.1.1), so the nearest boundary point lies in the box, and a station d metres
 * from it (as distanceToZoneM measures) differs from it by at most d / 110 574 m in latitude and
 * d / (111 319 m · cos φ) in longitude, φ the largest |latitude| the grown box reaches. 0.1 % and ~1 cm of slack.
 */
export function searchBox(zone: IndexedZone): [minLon: number, minLat: number, maxLon: number, maxLat: number] {
  return grow(zoneBounds(zone), zone.nearbyDistanceM);
}

/** The bounding box of the zone's exterior rings. */
function zoneBounds(zone: IndexedZone): [minLon: number, minLat: number, maxLon: number, maxLat: number] {
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  const polygons = zone.geometry.type === 'Polygon' ? [zone.geometry.coordinates] : zone.geometry.coordinates;
  for (const polygon of polygons) {
    for (const [lon, lat] of polygon[0] ?? []) {
      if (lon < minLon) minLon = lon;
      if (lat < minLat) minLat = lat;
      if (lon > maxLon) maxLon = lon;
      if (lat > maxLat) maxLat = lat;
    }
  }
  if (!(minLon <= maxLon && minLat <= maxLat)) throw new Error(`ZoneIndex: zone ${JSON.stringify(zone.id)} has no positions`);
  return [minLon, minLat, maxLon, maxLat];
}

function grow(
  [minLon, minLat, maxLon, maxLat]: [number, number, number, number],
  metres: number,
): [minLon: number, minLat: number, maxLon: number, maxLat: number] {
  const slackDeg = 1e-7;
  const dLat = (metres / MIN_M_PER_DEG_LAT) * 1.001 + slackDeg;
  minLat = Math.max(-90, minLat - dLat);
  maxLat = Math.min(90, maxLat + dLat);
  const cosPhi = Math.cos((Math.max(Math.abs(minLat), Math.abs(maxLat)) * Math.PI) / 180);
  const dLon = (metres / (M_PER_DEG_LON_EQUATOR * cosPhi)) * 1.001 + slackDeg;
  if (!(dLon < 180)) return [-180, minLat, 180, maxLat];
  return [minLon - dLon, minLat, maxLon + dLon, maxLat];
}

function checkNearbyDistance(zone: IndexedZone): void {
  if (!Number.isFinite(zone.nearbyDistanceM) || zone.nearbyDistanceM < 0) {
    throw new RangeError(`zone ${JSON.stringify(zone.id)}: nearbyDistanceM must be a finite number ≥ 0; got ${zone.nearbyDistanceM}`);
  }
}

function checkLocation(station: StationPoint): [number, number] {
  const [lon, lat] = station.location;
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) {
    throw new RangeError(`station ${JSON.stringify(station.id)}: location must be [longitude, latitude] of finite numbers; got [${lon}, ${lat}]`);
  }
  return [lon, lat];
}

/** Code-unit order: the same in every locale. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
