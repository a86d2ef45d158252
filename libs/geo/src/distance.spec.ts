import { pointToPolygonDistance } from '@turf/turf';
import type { Position, ZoneGeometry } from '@klimavagt/domain';
import { distanceToZoneM, metresPerDegree } from './distance';

const HARBOUR: ZoneGeometry = {
  type: 'Polygon',
  coordinates: [
    [
      [9.885, 55.266],
      [9.895, 55.266],
      [9.895, 55.274],
      [9.885, 55.274],
      [9.885, 55.266],
    ],
  ],
};

describe('distanceToZoneM', () => {
  it('measures Assens/Torø to the harbour zone: 0.0216° of latitude at 55.25° N ≈ 2,403 m on the ellipsoid', () => {
    const d = distanceToZoneM([9.8882, 55.2444], HARBOUR);
    expect(d).toBeGreaterThan(2400);
    expect(d).toBeLessThan(2406);
  });

  it('uses the WGS84 radii of curvature', () => {
    // At 55° N a degree of latitude is ≈ 111,321 m (meridian radius 6,378 km) and one of longitude ≈ 63,994 m.
    const k = metresPerDegree(55);
    expect(k.lat).toBeGreaterThan(111_310);
    expect(k.lat).toBeLessThan(111_330);
    expect(k.lon).toBeGreaterThan(63_970);
    expect(k.lon).toBeLessThan(64_030);
    expect(metresPerDegree(0).lat).toBeCloseTo(110_574.3, 0);
  });

  it('is 0 on the boundary and the distance to the nearest edge inside', () => {
    expect(distanceToZoneM([9.885, 55.27], HARBOUR)).toBeCloseTo(0, 6);
    expect(distanceToZoneM([9.895, 55.274], HARBOUR)).toBe(0);
    // The harbour gauge: 0.0047° of longitude from the west edge (≈ 299 m), 0.0034° of latitude from the north one (≈ 378 m).
    expect(distanceToZoneM([9.8897, 55.2706], HARBOUR)).toBeCloseTo(0.0047 * metresPerDegree(55.2706).lon, 6);
  });

  it('counts holes and every part of a MultiPolygon', () => {
    const hole: Position[] = [
      [9.888, 55.268],
      [9.888, 55.272],
      [9.892, 55.272],
      [9.892, 55.268],
      [9.888, 55.268],
    ];
    const withHole: ZoneGeometry = { type: 'Polygon', coordinates: [HARBOUR.coordinates[0] as Position[], hole] };
    expect(distanceToZoneM([9.8902, 55.2706], withHole)).toBeCloseTo(0.0018 * metresPerDegree(55.2706).lon, 6);
    const multi: ZoneGeometry = { type: 'MultiPolygon', coordinates: [[hole], HARBOUR.coordinates as Position[][]] };
    expect(distanceToZoneM([9.8882, 55.2444], multi)).toBe(distanceToZoneM([9.8882, 55.2444], HARBOUR));
  });

  it('agrees with turf’s geodesic pointToPolygonDistance (a sphere) to within 0.5 %, near Funen', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (let n = 0; n < 200; n++) {
      const cx = 9.7 + random();
      const cy = 55 + 0.6 * random();
      const ring: Position[] = Array.from({ length: 12 }, (_, i) => {
        const a = (i / 12) * 2 * Math.PI;
        const r = 0.005 + 0.02 * random();
        return [cx + (r / 0.57) * Math.cos(a), cy + r * Math.sin(a)];
      });
      ring.push(ring[0]);
      const geometry: ZoneGeometry = { type: 'Polygon', coordinates: [ring] };
      const point: Position = [cx + (random() - 0.5) * 0.3, cy + (random() - 0.5) * 0.2];
      const ours = distanceToZoneM(point, geometry);
      const turfs = Math.abs(pointToPolygonDistance(point, geometry, { units: 'meters' }));
      expect(Math.abs(ours - turfs)).toBeLessThanOrEqual(0.005 * turfs + 0.5);
    }
  });
});
