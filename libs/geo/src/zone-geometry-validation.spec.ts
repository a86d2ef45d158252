import type { Position, ZoneGeometry } from '@klimavagt/domain';
import { validateZoneGeometry, type ZoneGeometryProblem, type ZoneGeometryValidation } from './zone-geometry-validation';

// Around Assens harbour, counter-clockwise (RFC 7946 right-hand rule).
const HARBOUR: Position[] = [
  [9.885, 55.266],
  [9.895, 55.266],
  [9.895, 55.274],
  [9.885, 55.274],
  [9.885, 55.266],
];
const HARBOUR_HOLE_CW: Position[] = [
  [9.888, 55.268],
  [9.888, 55.271],
  [9.891, 55.271],
  [9.891, 55.268],
  [9.888, 55.268],
];
// A second part near Aarø, counter-clockwise.
const AARO: Position[] = [
  [9.73, 55.26],
  [9.75, 55.26],
  [9.75, 55.275],
  [9.73, 55.275],
  [9.73, 55.26],
];

function problemsOf(result: ZoneGeometryValidation): ZoneGeometryProblem[] {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.geometry)}`);
  return result.problems;
}

function only(result: ZoneGeometryValidation): ZoneGeometryProblem {
  const problems = problemsOf(result);
  expect(problems).toHaveLength(1);
  return problems[0];
}

function polygon(...rings: unknown[]): unknown {
  return { type: 'Polygon', coordinates: rings };
}

describe('validateZoneGeometry', () => {
  describe('accepts', () => {
    it('a counter-clockwise polygon around Assens harbour, unchanged', () => {
      const result = validateZoneGeometry(polygon(HARBOUR));
      expect(result).toEqual({ ok: true, geometry: { type: 'Polygon', coordinates: [HARBOUR] } });
    });

    it('a clockwise exterior ring, rewound counter-clockwise (RFC 7946 §3.1.6), without touching the input', () => {
      const clockwise = [...HARBOUR].reverse();
      const input = polygon(clockwise);
      const before = JSON.stringify(input);
      const result = validateZoneGeometry(input);
      expect(result).toEqual({ ok: true, geometry: { type: 'Polygon', coordinates: [HARBOUR] } });
      expect(JSON.stringify(input)).toBe(before);
    });

    it('a polygon with a hole: the exterior counter-clockwise, the hole clockwise', () => {
      const holeCcw = [...HARBOUR_HOLE_CW].reverse();
      const result = validateZoneGeometry(polygon([...HARBOUR].reverse(), holeCcw));
      expect(result).toEqual({ ok: true, geometry: { type: 'Polygon', coordinates: [HARBOUR, HARBOUR_HOLE_CW] } });
    });

    it('a MultiPolygon, each part rewound on its own', () => {
      const result = validateZoneGeometry({ type: 'MultiPolygon', coordinates: [[HARBOUR], [[...AARO].reverse()]] });
      expect(result).toEqual({ ok: true, geometry: { type: 'MultiPolygon', coordinates: [[HARBOUR], [AARO]] } });
    });

    it('positions with an elevation, returned as [longitude, latitude]', () => {
      const result = validateZoneGeometry(polygon(HARBOUR.map(([lon, lat]) => [lon, lat, 2.5])));
      expect(result).toEqual({ ok: true, geometry: { type: 'Polygon', coordinates: [HARBOUR] } });
    });

    it('a repeated consecutive position, which is not a self-intersection', () => {
      const ring = [HARBOUR[0], HARBOUR[1], HARBOUR[1], HARBOUR[2], HARBOUR[3], HARBOUR[4]];
      expect(validateZoneGeometry(polygon(ring)).ok).toBe(true);
    });

    it('a hole that touches its exterior ring at one point', () => {
      const hole: Position[] = [
        [9.885, 55.27],
        [9.889, 55.268],
        [9.889, 55.272],
        [9.885, 55.27],
      ];
      expect(validateZoneGeometry(polygon(HARBOUR, hole)).ok).toBe(true);
    });

    it('a polygon on Bornholm, inside the default Denmark service area', () => {
      const ring: Position[] = [
        [14.68, 55.09],
        [14.72, 55.09],
        [14.72, 55.11],
        [14.68, 55.11],
        [14.68, 55.09],
      ];
      expect(validateZoneGeometry(polygon(ring)).ok).toBe(true);
    });
  });

  describe('unsupported-geometry', () => {
    it.each([
      ['null', null, 'must be a GeoJSON Polygon or MultiPolygon object; got null'],
      ['a string', 'POLYGON((9.885 55.266, …))', 'must be a GeoJSON Polygon or MultiPolygon object; got "POLYGON((9.885 55.266, …))"'],
      ['an array', [HARBOUR], 'must be a GeoJSON Polygon or MultiPolygon object; got [[[9.885, 55.266], [9.895, 55.266], [9.895, 55.274], [9.885, 55.274], … (5 items)]]'],
    ])('refuses %s', (_what, value, message) => {
      const problem = only(validateZoneGeometry(value));
      expect(problem.code).toBe('unsupported-geometry');
      expect(problem.message).toContain(message);
    });

    it('refuses a Point, naming the type', () => {
      const problem = only(validateZoneGeometry({ type: 'Point', coordinates: [9.8897, 55.2706] }));
      expect(problem).toEqual({
        code: 'unsupported-geometry',
        message: 'type "Point" is not supported: a zone is an area, a GeoJSON Polygon or MultiPolygon',
        path: 'type',
      });
    });

    it('refuses a Feature and says to pass its geometry', () => {
      const problem = only(validateZoneGeometry({ type: 'Feature', geometry: polygon(HARBOUR), properties: {} }));
      expect(problem.code).toBe('unsupported-geometry');
      expect(problem.message).toBe('got a GeoJSON Feature; pass its "geometry" (a Polygon or MultiPolygon)');
    });

    it('refuses a lower-case type (GeoJSON types are case-sensitive)', () => {
      const problem = only(validateZoneGeometry({ type: 'polygon', coordinates: [HARBOUR] }));
      expect(problem.code).toBe('unsupported-geometry');
      expect(problem.message).toContain('case-sensitive');
    });

    it('refuses missing and empty coordinates', () => {
      expect(only(validateZoneGeometry({ type: 'Polygon' }))).toEqual({
        code: 'unsupported-geometry',
        message: 'coordinates must be an array; got undefined',
        path: 'coordinates',
      });
      expect(only(validateZoneGeometry({ type: 'Polygon', coordinates: [] })).message).toBe('coordinates is empty: a Polygon needs an exterior ring');
      expect(only(validateZoneGeometry({ type: 'MultiPolygon', coordinates: [] })).message).toBe(
        'coordinates is empty: a MultiPolygon needs at least one polygon',
      );
    });

    it('refuses coordinates one level too shallow, saying so', () => {
      const problem = only(validateZoneGeometry({ type: 'Polygon', coordinates: HARBOUR }));
      expect(problem).toEqual({
        code: 'unsupported-geometry',
        message:
          "coordinates is one ring of positions, not an array of rings: a Polygon's coordinates are rings → positions (wrap the ring in one more pair of brackets)",
        path: 'coordinates',
      });
    });

    it('refuses Polygon coordinates given as a MultiPolygon', () => {
      const problem = only(validateZoneGeometry({ type: 'MultiPolygon', coordinates: [HARBOUR] }));
      expect(problem.code).toBe('unsupported-geometry');
      expect(problem.path).toBe('coordinates[0]');
      expect(problem.message).toContain('these look like Polygon coordinates');
    });
  });

  describe('invalid-position', () => {
    it.each([
      ['a string', [9.895, '55.274']],
      ['one number', [9.895]],
      ['four numbers', [9.895, 55.274, 0, 1]],
      ['NaN', [9.895, NaN]],
      ['Infinity', [Infinity, 55.274]],
      ['an object', { lon: 9.895, lat: 55.274 }],
      ['null', null],
    ])('refuses %s, naming the position', (_what, bad) => {
      const ring = [HARBOUR[0], HARBOUR[1], bad, HARBOUR[3], HARBOUR[4]];
      const problem = only(validateZoneGeometry(polygon(ring)));
      expect(problem.code).toBe('invalid-position');
      expect(problem.path).toBe('coordinates[0][2]');
      expect(problem.message).toMatch(/^coordinates\[0\]\[2\] is .+: a position must be an array of 2 finite numbers \[longitude, latitude\]/);
    });

    it('quotes what it got', () => {
      const ring = [HARBOUR[0], HARBOUR[1], [9.895, '55.274'], HARBOUR[3], HARBOUR[4]];
      expect(only(validateZoneGeometry(polygon(ring))).message).toContain('is [9.895, "55.274"]');
    });
  });

  describe('coordinate-out-of-range', () => {
    it('refuses a longitude outside [-180, 180]', () => {
      const ring = [HARBOUR[0], [190.5, 55.266], HARBOUR[2], HARBOUR[3], HARBOUR[4]];
      expect(only(validateZoneGeometry(polygon(ring)))).toEqual({
        code: 'coordinate-out-of-range',
        message: 'coordinates[0][1] has longitude 190.5, outside [-180, 180]',
        path: 'coordinates[0][1]',
      });
    });

    it('refuses a latitude outside [-90, 90]', () => {
      const ring = [HARBOUR[0], HARBOUR[1], [9.895, 95.274], HARBOUR[3], HARBOUR[4]];
      const problem = only(validateZoneGeometry(polygon(ring)));
      expect(problem.code).toBe('coordinate-out-of-range');
      expect(problem.path).toBe('coordinates[0][2]');
      expect(problem.message).toContain('coordinates[0][2] has latitude 95.274, outside [-90, 90]');
    });
  });

  describe('rings', () => {
    it('refuses a ring that is not closed, quoting both ends', () => {
      const problem = only(validateZoneGeometry(polygon(HARBOUR.slice(0, 4))));
      expect(problem).toEqual({
        code: 'ring-not-closed',
        message:
          'exterior ring coordinates[0] is not closed: its first position coordinates[0][0] [9.885, 55.266] differs from its last coordinates[0][3] [9.885, 55.274]; repeat the first position at the end',
        path: 'coordinates[0]',
      });
    });

    it('refuses a ring whose ends differ only in elevation', () => {
      const ring = HARBOUR.map(([lon, lat], i) => [lon, lat, i === 0 ? 1 : 2]);
      expect(only(validateZoneGeometry(polygon(ring))).code).toBe('ring-not-closed');
    });

    it('refuses a ring of fewer than 4 positions', () => {
      const problem = only(validateZoneGeometry(polygon([HARBOUR[0], HARBOUR[1], HARBOUR[0]])));
      expect(problem).toEqual({
        code: 'too-few-positions',
        message: 'exterior ring coordinates[0] has 3 positions; a linear ring needs at least 4 (3 corners and the first repeated as the last)',
        path: 'coordinates[0]',
      });
    });

    it('refuses a short open hole with both problems, naming the hole', () => {
      const problems = problemsOf(validateZoneGeometry(polygon(HARBOUR, HARBOUR_HOLE_CW.slice(0, 3))));
      expect(problems.map((p) => [p.code, p.path])).toEqual([
        ['too-few-positions', 'coordinates[1]'],
        ['ring-not-closed', 'coordinates[1]'],
      ]);
      expect(problems[0].message).toMatch(/^hole coordinates\[1\] has 3 positions/);
    });

    it('refuses a ring that encloses no area', () => {
      const flat: Position[] = [
        [9.885, 55.266],
        [9.89, 55.27],
        [9.895, 55.274],
        [9.885, 55.266],
      ];
      const problem = only(validateZoneGeometry(polygon(flat)));
      expect(problem.code).toBe('degenerate-ring');
      expect(problem.message).toBe('exterior ring coordinates[0] encloses no area (all positions lie on one line)');
    });
  });

  describe('self-intersection', () => {
    it('refuses a bow-tie, saying where it crosses and which edges', () => {
      const bowTie: Position[] = [
        [9.885, 55.266],
        [9.895, 55.274],
        [9.895, 55.266],
        [9.885, 55.274],
        [9.885, 55.266],
      ];
      expect(only(validateZoneGeometry(polygon(bowTie)))).toEqual({
        code: 'self-intersection',
        message: 'exterior ring coordinates[0] crosses itself at [9.89, 55.27]: edge coordinates[0][0]→[1] meets edge coordinates[0][2]→[3]',
        path: 'coordinates[0]',
      });
    });

    it('names the hole that crosses itself in a MultiPolygon', () => {
      const bowTieHole: Position[] = [
        [9.888, 55.268],
        [9.891, 55.271],
        [9.891, 55.268],
        [9.888, 55.271],
        [9.888, 55.268],
      ];
      const problem = only(validateZoneGeometry({ type: 'MultiPolygon', coordinates: [[AARO], [HARBOUR, bowTieHole]] }));
      expect(problem.code).toBe('self-intersection');
      expect(problem.path).toBe('coordinates[1][1]');
      expect(problem.message).toMatch(/^hole coordinates\[1\]\[1\] crosses itself at \[9\.8895, 55\.2695\]/);
    });

    it('refuses the parts of a MultiPolygon that overlap', () => {
      const shifted = HARBOUR.map(([lon, lat]): Position => [lon + 0.005, lat + 0.002]);
      const problem = only(validateZoneGeometry({ type: 'MultiPolygon', coordinates: [[HARBOUR], [shifted]] }));
      expect(problem.code).toBe('self-intersection');
      expect(problem.message).toMatch(/^polygons coordinates\[0\] and coordinates\[1\] overlap: edge coordinates\[0\]\[0\]\[\d\]→\[\d\] crosses edge/);
    });
  });

  describe('hole-outside-shell', () => {
    it('refuses a hole lying outside its exterior ring, naming a position outside', () => {
      const hole: Position[] = [
        [9.908, 55.268],
        [9.908, 55.271],
        [9.911, 55.271],
        [9.911, 55.268],
        [9.908, 55.268],
      ];
      expect(only(validateZoneGeometry(polygon(HARBOUR, hole)))).toEqual({
        code: 'hole-outside-shell',
        message: 'hole coordinates[1] is not inside its exterior ring coordinates[0]: its position coordinates[1][0] [9.908, 55.268] lies outside it',
        path: 'coordinates[1][0]',
      });
    });

    it('refuses a hole whose edge cuts across a notch of its exterior ring', () => {
      // A U-shaped shell; the hole's corners sit in the two arms, its top edge spans the notch between them.
      const u: Position[] = [
        [9.885, 55.266],
        [9.895, 55.266],
        [9.895, 55.274],
        [9.892, 55.274],
        [9.892, 55.269],
        [9.888, 55.269],
        [9.888, 55.274],
        [9.885, 55.274],
        [9.885, 55.266],
      ];
      const hole: Position[] = [
        [9.886, 55.267],
        [9.886, 55.27],
        [9.894, 55.27],
        [9.894, 55.267],
        [9.886, 55.267],
      ];
      const problem = only(validateZoneGeometry(polygon(u, hole)));
      expect(problem.code).toBe('hole-outside-shell');
      expect(problem.message).toMatch(/^hole coordinates\[1\] is not inside its exterior ring coordinates\[0\]: edge coordinates\[1\]\[1\]→\[2\] crosses edge/);
    });
  });

  describe('caps', () => {
    it('refuses more vertices than allowed', () => {
      const problem = only(validateZoneGeometry(polygon(HARBOUR), { maxVertices: 4 }));
      expect(problem).toEqual({
        code: 'too-many-vertices',
        message: 'the geometry has 5 positions; at most 4 are allowed: simplify it (a zone boundary rarely needs more detail than a few metres)',
        path: 'coordinates',
      });
    });

    it('refuses a 6000-position circle with the default cap of 5000', () => {
      const ring: Position[] = Array.from({ length: 6000 }, (_, i) => {
        const a = (2 * Math.PI * i) / 6000;
        return [9.89 + 0.01 * Math.cos(a), 55.27 + 0.006 * Math.sin(a)];
      });
      ring.push(ring[0]);
      const problem = only(validateZoneGeometry(polygon(ring)));
      expect(problem.code).toBe('too-many-vertices');
      expect(problem.message).toContain('6001 positions; at most 5000');
    });

    it('refuses a zone larger than the area cap, saying how large', () => {
      const jutland: Position[] = [
        [9, 55.5],
        [10, 55.5],
        [10, 56.5],
        [9, 56.5],
        [9, 55.5],
      ];
      const problem = only(validateZoneGeometry(polygon(jutland)));
      expect(problem.code).toBe('too-large');
      expect(problem.message).toMatch(/^the zone covers 6,9\d\d(\.\d)? km²; at most 2,000 km² is allowed$/);
      expect(validateZoneGeometry(polygon(jutland), { maxAreaKm2: 10_000 }).ok).toBe(true);
    });

    it('measures the area without the holes', () => {
      // The harbour polygon is ~0.564 km²; its hole ~0.063 km².
      expect(validateZoneGeometry(polygon(HARBOUR, HARBOUR_HOLE_CW), { maxAreaKm2: 0.52 }).ok).toBe(true);
      expect(only(validateZoneGeometry(polygon(HARBOUR), { maxAreaKm2: 0.52 })).code).toBe('too-large');
    });
  });

  describe('service area', () => {
    it('recognises [latitude, longitude] positions', () => {
      const swapped = HARBOUR.map(([lon, lat]) => [lat, lon]);
      const problem = only(validateZoneGeometry(polygon(swapped)));
      expect(problem.code).toBe('lat-lon-swapped');
      expect(problem.path).toBe('coordinates[0][0]');
      expect(problem.message).toContain('coordinates[0][0] is [55.266, 9.885]: looks like [latitude, longitude]; GeoJSON positions are [longitude, latitude]');
    });

    it('refuses a zone outside the service area (near Hamburg), counting positions', () => {
      const hamburg: Position[] = [
        [9.885, 53.566],
        [9.895, 53.566],
        [9.895, 53.574],
        [9.885, 53.574],
        [9.885, 53.566],
      ];
      expect(only(validateZoneGeometry(polygon(hamburg)))).toEqual({
        code: 'outside-service-area',
        message:
          '5 of 5 positions lie outside the service area (longitude 7.5…15.5, latitude 54.4…58); the first is coordinates[0][0] [9.885, 53.566]',
        path: 'coordinates[0][0]',
      });
    });

    it('refuses a zone that reaches out of the service area', () => {
      const ring = [HARBOUR[0], [9.895, 54.3], HARBOUR[2], HARBOUR[3], HARBOUR[4]];
      const problem = only(validateZoneGeometry(polygon(ring)));
      expect(problem.code).toBe('outside-service-area');
      expect(problem.path).toBe('coordinates[0][1]');
      expect(problem.message).toMatch(/^1 of 5 positions lie outside/);
    });

    it('uses the service area it is given', () => {
      const funen: [number, number, number, number] = [9.6, 54.9, 10.9, 55.7];
      expect(validateZoneGeometry(polygon(HARBOUR), { serviceArea: funen }).ok).toBe(true);
      const bornholm = HARBOUR.map(([lon, lat]): Position => [lon + 4.8, lat - 0.17]);
      expect(only(validateZoneGeometry(polygon(bornholm), { serviceArea: funen })).code).toBe('outside-service-area');
    });
  });

  describe('every problem at once', () => {
    it('reports problems of several kinds and places, not just the first', () => {
      const ring = [HARBOUR[0], [9.895, '55.266'], HARBOUR[2], [9.885, 95], HARBOUR[4]];
      const problems = problemsOf(validateZoneGeometry({ type: 'MultiPolygon', coordinates: [[ring], [HARBOUR.slice(0, 4)]] }));
      expect(problems.map((p) => [p.code, p.path])).toEqual([
        ['invalid-position', 'coordinates[0][0][1]'],
        ['coordinate-out-of-range', 'coordinates[0][0][3]'],
        ['ring-not-closed', 'coordinates[1][0]'],
      ]);
    });

    it('swapped and self-crossing at once', () => {
      const bowTie: Position[] = [
        [55.0, 9.0],
        [56.0, 10.0],
        [56.0, 9.0],
        [55.0, 10.0],
        [55.0, 9.0],
      ];
      const codes = problemsOf(validateZoneGeometry(polygon(bowTie))).map((p) => p.code);
      expect(codes).toEqual(['lat-lon-swapped', 'self-intersection']);
    });

    it('lists 20 problems of a kind one by one and sums up the rest', () => {
      const ring: unknown[] = Array.from({ length: 30 }, (_, i) => [9.885 + i * 0.0001, `55.26${i}`]);
      const problems = problemsOf(validateZoneGeometry(polygon(ring)));
      expect(problems).toHaveLength(21);
      expect(problems.slice(0, 20).every((p) => p.code === 'invalid-position' && p.path)).toBe(true);
      expect(problems[20]).toEqual({
        code: 'invalid-position',
        message: '…and 10 more problems of this kind (30 in all; the first 20 are listed)',
      });
    });
  });

  it('returns a ZoneGeometry the domain accepts', () => {
    const result = validateZoneGeometry(polygon(HARBOUR));
    const geometry: ZoneGeometry | undefined = result.ok ? result.geometry : undefined;
    expect(geometry?.type).toBe('Polygon');
  });
});
