import { destination } from '@turf/turf';
import type { Position, ZoneGeometry } from '@klimavagt/domain';
import { metresPerDegree } from './distance';
import { validateZoneGeometry } from './zone-geometry-validation';
import { naiveZonesThreatenedBy, searchBox, ZoneIndex, type IndexedZone, type StationPoint } from './zone-index';

const HARBOUR: Position[] = [
  [9.885, 55.266],
  [9.895, 55.266],
  [9.895, 55.274],
  [9.885, 55.274],
  [9.885, 55.266],
];
const ASSENS_HAVN_GAUGE: StationPoint = { id: '9020201', location: [9.8897, 55.2706] };
const ASSENS_TORO: StationPoint = { id: '06123', location: [9.8882, 55.2444] };
const FREDERICIA_GAUGE: StationPoint = { id: '23293', location: [9.753, 55.5595] };

function zone(id: string, geometry: ZoneGeometry, nearbyDistanceM = 0, representativeStationIds: string[] = []): IndexedZone {
  return { id, geometry, nearbyDistanceM, representativeStationIds };
}

const harbour: ZoneGeometry = { type: 'Polygon', coordinates: [HARBOUR] };

describe('ZoneIndex: Assens', () => {
  it('finds the harbour gauge inside the zone, at distance 0', () => {
    const index = ZoneIndex.build([zone('assens-havn', harbour)]);
    expect(index.zonesThreatenedBy(ASSENS_HAVN_GAUGE)).toEqual([{ zoneId: 'assens-havn', relation: 'inside', distanceM: 0 }]);
  });

  it('finds Assens/Torø (2.4 km south) nearby only when the zone reaches 2.5 km', () => {
    const near = ZoneIndex.build([zone('assens-havn', harbour, 2500)]).zonesThreatenedBy(ASSENS_TORO);
    expect(near).toEqual([{ zoneId: 'assens-havn', relation: 'nearby', distanceM: expect.any(Number) }]);
    // 55.266 − 55.2444 = 0.0216° of latitude ≈ 2.40 km to the zone's south edge.
    expect(near[0].distanceM).toBeGreaterThan(2390);
    expect(near[0].distanceM).toBeLessThan(2410);
    expect(ZoneIndex.build([zone('assens-havn', harbour, 2000)]).zonesThreatenedBy(ASSENS_TORO)).toEqual([]);
    expect(ZoneIndex.build([zone('assens-havn', harbour, 0)]).zonesThreatenedBy(ASSENS_TORO)).toEqual([]);
  });

  it('finds a representative gauge however far away it stands, with its distance', () => {
    const index = ZoneIndex.build([zone('assens-havn', harbour, 500, ['23293'])]);
    const threats = index.zonesThreatenedBy(FREDERICIA_GAUGE);
    expect(threats).toEqual([{ zoneId: 'assens-havn', relation: 'representative', distanceM: expect.any(Number) }]);
    expect(threats[0].distanceM).toBeGreaterThan(30_000);
    expect(threats[0].distanceM).toBeLessThan(35_000);
    expect(index.zonesThreatenedBy({ ...FREDERICIA_GAUGE, id: 'someone-else' })).toEqual([]);
  });

  it('says inside, not representative, for a listed gauge that stands inside', () => {
    const index = ZoneIndex.build([zone('assens-havn', harbour, 0, ['9020201'])]);
    expect(index.zonesThreatenedBy(ASSENS_HAVN_GAUGE)).toEqual([{ zoneId: 'assens-havn', relation: 'inside', distanceM: 0 }]);
  });

  it('says representative, not nearby, for a listed gauge that stands nearby', () => {
    const index = ZoneIndex.build([zone('assens-havn', harbour, 2500, ['06123'])]);
    expect(index.zonesThreatenedBy(ASSENS_TORO).map((t) => t.relation)).toEqual(['representative']);
  });

  it('answers all three relations at once, ordered by zone id, like the naive scan', () => {
    const zones = [
      zone('c-kyst', harbour, 0, ['06123']),
      zone('a-havn-bred', harbour, 2500),
      zone('b-havn', harbour, 100),
      zone('d-fredericia', { type: 'Polygon', coordinates: [HARBOUR.map(([lon, lat]): Position => [lon - 0.13, lat + 0.29])] }, 1000),
    ];
    const index = ZoneIndex.build(zones);
    expect(index.zonesThreatenedBy(ASSENS_TORO).map((t) => [t.zoneId, t.relation])).toEqual([
      ['a-havn-bred', 'nearby'],
      ['c-kyst', 'representative'],
    ]);
    expect(index.zonesThreatenedBy(ASSENS_HAVN_GAUGE).map((t) => [t.zoneId, t.relation])).toEqual([
      ['a-havn-bred', 'inside'],
      ['b-havn', 'inside'],
      ['c-kyst', 'inside'],
    ]);
    for (const station of [ASSENS_TORO, ASSENS_HAVN_GAUGE, FREDERICIA_GAUGE]) {
      expect(index.zonesThreatenedBy(station)).toEqual(naiveZonesThreatenedBy(zones, station));
    }
  });

  it('takes a validated (rewound) geometry and a domain Station', () => {
    const result = validateZoneGeometry({ type: 'Polygon', coordinates: [[...HARBOUR].reverse()] });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const index = ZoneIndex.build([zone('assens-havn', result.geometry)]);
    const station = { ...ASSENS_HAVN_GAUGE, name: 'Assens Havn I', source: 'dmi-oceanobs' as const, owner: 'Kystdirektoratet' };
    expect(index.zonesThreatenedBy(station)).toHaveLength(1);
  });

  it('counts a station inside a hole as outside, at its distance from the hole’s edge', () => {
    const hole: Position[] = [
      [9.888, 55.268],
      [9.888, 55.272],
      [9.892, 55.272],
      [9.892, 55.268],
      [9.888, 55.268],
    ];
    const zones = [zone('ring', { type: 'Polygon', coordinates: [HARBOUR, hole] }, 150)];
    const threats = ZoneIndex.build(zones).zonesThreatenedBy({ id: 'x', location: [9.8902, 55.2706] });
    expect(threats).toEqual([{ zoneId: 'ring', relation: 'nearby', distanceM: expect.any(Number) }]);
    expect(threats[0].distanceM).toBeGreaterThan(100);
    expect(threats[0].distanceM).toBeLessThan(130); // 0.0018° east to the hole's edge, ≈ 114 m
    expect(ZoneIndex.build([{ ...zones[0], nearbyDistanceM: 100 }]).zonesThreatenedBy({ id: 'x', location: [9.8902, 55.2706] })).toEqual([]);
  });
});

describe('ZoneIndex: building', () => {
  it('is empty without zones', () => {
    const index = ZoneIndex.build([]);
    expect(index.size).toBe(0);
    expect(index.zonesThreatenedBy(ASSENS_HAVN_GAUGE)).toEqual([]);
  });

  it('refuses duplicate zone ids and negative nearby distances', () => {
    expect(() => ZoneIndex.build([zone('a', harbour), zone('a', harbour)])).toThrow('zone id "a" appears more than once');
    expect(() => ZoneIndex.build([zone('a', harbour, -1)])).toThrow('nearbyDistanceM must be a finite number ≥ 0');
    expect(() => naiveZonesThreatenedBy([zone('a', harbour, NaN)], ASSENS_TORO)).toThrow('nearbyDistanceM');
  });

  it('refuses a station without a usable location', () => {
    const index = ZoneIndex.build([zone('a', harbour)]);
    expect(() => index.zonesThreatenedBy({ id: 'x', location: [NaN, 55] })).toThrow('location must be [longitude, latitude] of finite numbers');
  });

  it('is rebuilt, not mutated, when the zones change', () => {
    const zones = [zone('a', harbour)];
    const before = ZoneIndex.build(zones);
    zones.push(zone('b', harbour));
    const after = ZoneIndex.build(zones);
    expect(before.zonesThreatenedBy(ASSENS_HAVN_GAUGE)).toHaveLength(1);
    expect(after.zonesThreatenedBy(ASSENS_HAVN_GAUGE)).toHaveLength(2);
  });

  it('grows each search box by the nearby distance (conservatively)', () => {
    const [minLon, minLat, maxLon, maxLat] = searchBox(zone('a', harbour, 1000));
    // It errs on the large side, by little: at most 1 % more than 1000 m in degrees at the zone's latitude.
    const k = metresPerDegree(55.27);
    for (const grown of [55.266 - minLat, maxLat - 55.274]) {
      expect(grown).toBeGreaterThan(1000 / k.lat);
      expect(grown).toBeLessThan(1010 / k.lat);
    }
    for (const grown of [9.885 - minLon, maxLon - 9.895]) {
      expect(grown).toBeGreaterThan(1000 / k.lon);
      expect(grown).toBeLessThan(1010 / k.lon);
    }
  });
});

// ------------------------------------------------------------------------------------------ random agreement

/** mulberry32: a small seeded PRNG, so a failure can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FUNEN = { minLon: 9.6, minLat: 54.9, maxLon: 10.9, maxLat: 55.7 };

/** A star-convex ring (angles increasing, radii jittered): simple, counter-clockwise. */
function starRing(random: () => number, centre: Position, radiusM: number, vertices: number, scale = 1): Position[] {
  const mPerDegLat = 111_195;
  const mPerDegLon = mPerDegLat * Math.cos((centre[1] * Math.PI) / 180);
  const ring: Position[] = [];
  for (let i = 0; i < vertices; i++) {
    const angle = ((i + 0.8 * random()) / vertices) * 2 * Math.PI;
    const r = radiusM * scale * (0.6 + 0.4 * random());
    ring.push([centre[0] + (r * Math.cos(angle)) / mPerDegLon, centre[1] + (r * Math.sin(angle)) / mPerDegLat]);
  }
  ring.push(ring[0]);
  return ring;
}

function randomZones(random: () => number, count: number): IndexedZone[] {
  const stationIds = ['9020201', '06123', '23293', 'sensor-1', 'sensor-2'];
  return Array.from({ length: count }, (_, i) => {
    const centre: Position = [FUNEN.minLon + random() * (FUNEN.maxLon - FUNEN.minLon), FUNEN.minLat + random() * (FUNEN.maxLat - FUNEN.minLat)];
    const radiusM = 100 + random() * 2400;
    const vertices = 8 + Math.floor(random() * 40);
    const shell = starRing(random, centre, radiusM, vertices);
    const kind = random();
    let geometry: ZoneGeometry;
    if (kind < 0.15) {
      // A hole: a small star around the same centre, clockwise (inside the shell's minimum radius 0.6 r).
      geometry = { type: 'Polygon', coordinates: [shell, starRing(random, centre, radiusM, 6, 0.4).reverse()] };
    } else if (kind < 0.3) {
      const other: Position = [centre[0] + 0.1, centre[1] - 0.05];
      geometry = { type: 'MultiPolygon', coordinates: [[shell], [starRing(random, other, radiusM / 2, vertices)]] };
    } else {
      geometry = { type: 'Polygon', coordinates: [shell] };
    }
    const nearbyDistanceM = [0, 0, 250, 1000, 2500, 5000][Math.floor(random() * 6)];
    const representativeStationIds = random() < 0.1 ? [stationIds[Math.floor(random() * stationIds.length)]] : [];
    return { id: `zone-${String(count - i).padStart(4, '0')}`, geometry, nearbyDistanceM, representativeStationIds };
  });
}

function randomStations(random: () => number, zones: IndexedZone[], count: number): StationPoint[] {
  const ids = ['9020201', '06123', '23293', 'sensor-1', 'sensor-2', 'sensor-3'];
  return Array.from({ length: count }, (_, i): StationPoint => {
    const id = ids[i % ids.length];
    const z = zones[Math.floor(random() * zones.length)];
    const shell = z.geometry.type === 'Polygon' ? z.geometry.coordinates[0] : z.geometry.coordinates[0][0];
    const vertex = shell[Math.floor(random() * (shell.length - 1))];
    switch (i % 4) {
      case 0: // anywhere on Funen
        return { id, location: [FUNEN.minLon + random() * (FUNEN.maxLon - FUNEN.minLon), FUNEN.minLat + random() * (FUNEN.maxLat - FUNEN.minLat)] };
      case 1: // on a vertex (boundary)
        return { id, location: [vertex[0], vertex[1]] };
      default: {
        // Around the edge of the nearby band, in any direction: the search boxes' corners are tested here.
        const metres = z.nearbyDistanceM * (0.9 + 0.2 * random()) + random() * 50;
        const moved = destination(vertex, metres, random() * 360 - 180, { units: 'meters' }).geometry.coordinates;
        return { id, location: [moved[0], moved[1]] };
      }
    }
  });
}

describe('ZoneIndex agrees with the naive scan', () => {
  it.each([1, 2, 3])('on 300 random zones and 300 stations around Funen (seed %i)', (seed) => {
    const random = prng(seed);
    const zones = randomZones(random, 300);
    for (const z of zones) expect(validateZoneGeometry(z.geometry)).toMatchObject({ ok: true });
    const stations = randomStations(random, zones, 300);
    const index = ZoneIndex.build(zones);
    let found = 0;
    const relations = new Set<string>();
    for (const station of stations) {
      const indexed = index.zonesThreatenedBy(station);
      expect(indexed).toEqual(naiveZonesThreatenedBy(zones, station));
      found += indexed.length;
      indexed.forEach((t) => relations.add(t.relation));
    }
    // The case is not vacuous: many threats, of every relation.
    expect(found).toBeGreaterThan(300);
    expect([...relations].sort()).toEqual(['inside', 'nearby', 'representative']);
  });
});
