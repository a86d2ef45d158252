// The evaluator benchmark's data: seeded, so every run measures the same zones and stations.
import type { Position, ZoneGeometry } from '@klimavagt/domain';
import { metresPerDegree, type IndexedZone, type StationPoint } from '@klimavagt/geo';

export interface BenchStation extends StationPoint {
  name: string;
  kind: 'dmi-metobs' | 'dmi-oceanobs' | 'kystdirektoratet' | 'sensor';
}

export interface EvaluatorDataset {
  zones: IndexedZone[];
  stations: BenchStation[];
  vertices: { min: number; max: number; total: number };
  diameterKm: { min: number; max: number };
}

export interface DatasetOptions {
  seed: number;
  zones: number;
  stations: number;
  /** Per exterior ring, closing position excluded. */
  minVertices: number;
  maxVertices: number;
  minDiameterKm: number;
  maxDiameterKm: number;
  /** Share of zones drawn within 4 km of a named station (harbours, towns); the rest spread evenly over Funen. */
  clusterShare: number;
  /** Share of zones that list a representative gauge: the nearest one, or one picked at random. */
  representativeShare: number;
  representativeChoice: 'nearest' | 'random';
}

export type Scenario = 'spread' | 'clustered';

/** `spread`: zones evenly around Funen/Little Belt (the default). `clustered`: a crowded variant, many more threats per station. */
export const SCENARIOS: Record<Scenario, Pick<DatasetOptions, 'clusterShare' | 'representativeShare' | 'representativeChoice'>> = {
  spread: { clusterShare: 0, representativeShare: 0.1, representativeChoice: 'nearest' },
  clustered: { clusterShare: 0.35, representativeShare: 0.15, representativeChoice: 'random' },
};

/** Funen and the Little Belt: DMI_BBOX's default. */
export const FUNEN_BBOX = { minLon: 9.6, minLat: 54.9, maxLon: 10.9, maxLat: 55.7 };

/**
 * Stations the repository's fixtures name (ids and positions as there), then harbour gauges and weather stations
 * around Funen at approximate positions, with made-up ids: realistic places, not a registry extract.
 */
const NAMED_STATIONS: BenchStation[] = [
  { id: '9020201', name: 'Assens Havn I', kind: 'kystdirektoratet', location: [9.8897, 55.2706] },
  { id: '06123', name: 'Assens/Torø', kind: 'dmi-metobs', location: [9.8882, 55.2444] },
  { id: '06126', name: 'Årslev', kind: 'dmi-metobs', location: [10.4398, 55.3088] },
  { id: '23293', name: 'Fredericia', kind: 'dmi-oceanobs', location: [9.753, 55.5595] },
  { id: 'bench-middelfart', name: 'Middelfart Havn (approx.)', kind: 'dmi-oceanobs', location: [9.727, 55.507] },
  { id: 'bench-bogense', name: 'Bogense Havn (approx.)', kind: 'dmi-oceanobs', location: [10.085, 55.566] },
  { id: 'bench-faaborg', name: 'Faaborg Havn (approx.)', kind: 'dmi-oceanobs', location: [10.24, 55.094] },
  { id: 'bench-bojden', name: 'Bøjden (approx.)', kind: 'kystdirektoratet', location: [10.107, 55.105] },
  { id: 'bench-helnaes', name: 'Helnæs (approx.)', kind: 'kystdirektoratet', location: [10.03, 55.135] },
  { id: 'bench-baago', name: 'Bågø (approx.)', kind: 'kystdirektoratet', location: [9.8, 55.3] },
  { id: 'bench-aaro', name: 'Aarø (approx.)', kind: 'kystdirektoratet', location: [9.745, 55.268] },
  { id: 'bench-kerteminde', name: 'Kerteminde (approx.)', kind: 'dmi-oceanobs', location: [10.665, 55.45] },
  { id: 'bench-nyborg', name: 'Nyborg (approx.)', kind: 'dmi-oceanobs', location: [10.8, 55.31] },
  { id: 'bench-svendborg', name: 'Svendborg (approx.)', kind: 'dmi-oceanobs', location: [10.61, 55.06] },
  { id: 'bench-odense', name: 'Odense Lufthavn (approx.)', kind: 'dmi-metobs', location: [10.33, 55.476] },
];

const GAUGES = NAMED_STATIONS.filter((s) => s.kind === 'kystdirektoratet' || s.kind === 'dmi-oceanobs');
const NEARBY_DISTANCES_M = [0, 0, 100, 250, 500, 1000, 2500];

/** mulberry32: small, fast, seeded. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function buildEvaluatorDataset(options: DatasetOptions): EvaluatorDataset {
  const random = prng(options.seed);
  const between = (lo: number, hi: number) => lo + random() * (hi - lo);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const funenPoint = (): Position => [between(FUNEN_BBOX.minLon, FUNEN_BBOX.maxLon), between(FUNEN_BBOX.minLat, FUNEN_BBOX.maxLat)];
  const near = (centre: Position, maxM: number): Position => {
    const k = metresPerDegree(centre[1]);
    const r = maxM * Math.sqrt(random());
    const a = random() * 2 * Math.PI;
    return [centre[0] + (r * Math.cos(a)) / k.lon, centre[1] + (r * Math.sin(a)) / k.lat];
  };

  const zones: IndexedZone[] = [];
  let minV = Infinity;
  let maxV = 0;
  let total = 0;
  let minD = Infinity;
  let maxD = 0;
  for (let i = 0; i < options.zones; i++) {
    const centre = random() < options.clusterShare ? near(pick(NAMED_STATIONS).location, 4000) : funenPoint();
    const vertices = options.minVertices + Math.floor(random() * (options.maxVertices - options.minVertices + 1));
    const diameterKm = between(options.minDiameterKm, options.maxDiameterKm);
    const ring = starRing(random, centre, (diameterKm * 1000) / 2, vertices);
    const geometry: ZoneGeometry = { type: 'Polygon', coordinates: [ring] };
    zones.push({
      id: `zone-${String(i + 1).padStart(4, '0')}`,
      geometry,
      nearbyDistanceM: pick(NEARBY_DISTANCES_M),
      representativeStationIds:
        random() < options.representativeShare ? [options.representativeChoice === 'nearest' ? nearestGauge(centre).id : pick(GAUGES).id] : [],
    });
    minV = Math.min(minV, vertices);
    maxV = Math.max(maxV, vertices);
    total += ring.length;
    minD = Math.min(minD, diameterKm);
    maxD = Math.max(maxD, diameterKm);
  }

  const stations: BenchStation[] = [...NAMED_STATIONS];
  for (let n = 1; stations.length < options.stations; n++) {
    // Municipal flood sensors: half along the coast by the named places, half anywhere on Funen.
    const location = n % 2 === 0 ? near(pick(NAMED_STATIONS).location, 3000) : funenPoint();
    stations.push({ id: `sensor-${String(n).padStart(3, '0')}`, name: `Flood sensor ${n}`, kind: 'sensor', location });
  }

  return { zones, stations, vertices: { min: minV, max: maxV, total }, diameterKm: { min: minD, max: maxD } };
}

function nearestGauge([lon, lat]: Position): BenchStation {
  const k = metresPerDegree(lat);
  const d = (s: BenchStation) => Math.hypot((s.location[0] - lon) * k.lon, (s.location[1] - lat) * k.lat);
  return GAUGES.reduce((best, s) => (d(s) < d(best) ? s : best));
}

/**
 * A star-convex ring around `centre`: `vertices` angles strictly increasing (each jittered within its slot), radii
 * jittered between 70 % and 100 % of `radiusM`. Star-convex rings never cross themselves. Counter-clockwise, closed.
 */
function starRing(random: () => number, centre: Position, radiusM: number, vertices: number): Position[] {
  const k = metresPerDegree(centre[1]);
  const ring: Position[] = [];
  for (let i = 0; i < vertices; i++) {
    const angle = ((i + 0.9 * random()) / vertices) * 2 * Math.PI;
    const r = radiusM * (0.7 + 0.3 * random());
    ring.push([round7(centre[0] + (r * Math.cos(angle)) / k.lon), round7(centre[1] + (r * Math.sin(angle)) / k.lat)]);
  }
  ring.push(ring[0]);
  return ring;
}

/** 7 decimals (≈ 1 cm), as a drawn geometry would be stored. */
function round7(value: number): number {
  return Math.round(value * 1e7) / 1e7;
}
