import { CapInputError } from './cap-error';
import { capPolygons } from './cap-geometry';
import type { Position } from '../zones/zone';

const HARBOUR: Position[] = [
  [9.884, 55.266],
  [9.896, 55.266],
  [9.896, 55.274],
  [9.884, 55.274],
  [9.884, 55.266],
];

describe('CAP polygons', () => {
  it('writes latitude first, "lat,lon" pairs separated by spaces, first = last', () => {
    expect(capPolygons({ type: 'Polygon', coordinates: [HARBOUR] })).toEqual([
      '55.266,9.884 55.266,9.896 55.274,9.896 55.274,9.884 55.266,9.884',
    ]);
  });

  it('closes an unclosed ring instead of sending an open one', () => {
    expect(capPolygons({ type: 'Polygon', coordinates: [HARBOUR.slice(0, 4)] })[0]).toBe(
      '55.266,9.884 55.266,9.896 55.274,9.896 55.274,9.884 55.266,9.884',
    );
  });

  it('writes one polygon per MultiPolygon part and leaves holes out (CAP has none)', () => {
    const hole: Position[] = [
      [9.888, 55.268],
      [9.89, 55.268],
      [9.89, 55.27],
      [9.888, 55.268],
    ];
    const naes: Position[] = [
      [9.87, 55.255],
      [9.88, 55.255],
      [9.875, 55.26],
      [9.87, 55.255],
    ];
    const polygons = capPolygons({ type: 'MultiPolygon', coordinates: [[HARBOUR, hole], [naes]] });
    expect(polygons).toHaveLength(2);
    expect(polygons[1]).toBe('55.255,9.87 55.255,9.88 55.26,9.875 55.255,9.87');
    expect(polygons.join(' ')).not.toContain('55.268,9.888');
  });

  it('rounds to 6 decimals without trailing zeros or exponents', () => {
    const ring: Position[] = [
      [9.123456789, 55.1],
      [10, 55.0000001],
      [9.5, -0.0000001],
      [9.123456789, 55.1],
    ];
    expect(capPolygons({ type: 'Polygon', coordinates: [ring] })[0]).toBe(
      '55.1,9.123457 55,10 0,9.5 55.1,9.123457',
    );
  });

  it('refuses rings CAP cannot carry and positions that are not [lon, lat]', () => {
    const line: Position[] = [
      [9.884, 55.266],
      [9.896, 55.266],
      [9.884, 55.266],
    ];
    expect(() => capPolygons({ type: 'Polygon', coordinates: [line] })).toThrow(CapInputError);
    expect(() => capPolygons({ type: 'Polygon', coordinates: [] })).toThrow(/no exterior ring/);
    expect(() => capPolygons({ type: 'MultiPolygon', coordinates: [] })).toThrow(/no polygons/);
    // A latitude out of range (a typo, or lat/lon swapped outside Denmark) names the position at fault.
    const swapped: Position[] = [
      [9.884, 255.266],
      [9.896, 55.266],
      [9.896, 55.274],
      [9.884, 255.266],
    ];
    expect(() => capPolygons({ type: 'Polygon', coordinates: [swapped] })).toThrow(
      /zone\.geometry\[0\]\[0\]\[0\]/,
    );
    expect(() =>
      capPolygons({
        type: 'Polygon',
        coordinates: [
          [
            [NaN, 55],
            [9, 55],
            [9, 56],
            [NaN, 55],
          ],
        ],
      }),
    ).toThrow(CapInputError);
  });
});
