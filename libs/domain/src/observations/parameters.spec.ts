import { PARAMETER_IDS } from './observation';
import { PARAMETERS, checkRange, toCanonical } from './parameters';

function canonical(...args: Parameters<typeof toCanonical>): number {
  const r = toCanonical(...args);
  if (!r.ok) throw new Error(r.rejection.message);
  return r.value;
}

describe('PARAMETERS', () => {
  it('has an entry for every parameter id whose own canonical unit is accepted unchanged', () => {
    for (const id of PARAMETER_IDS) {
      const spec = PARAMETERS[id];
      expect(spec).toBeDefined();
      expect(spec.min).toBeLessThan(spec.max);
      expect(spec.acceptedUnits[spec.unit](12.5)).toBe(12.5);
    }
  });

  it('uses the ranges of the brief', () => {
    expect([PARAMETERS.sea_level.min, PARAMETERS.sea_level.max]).toEqual([-3, 5]);
    expect([PARAMETERS.water_level.min, PARAMETERS.water_level.max]).toEqual([-10, 300]);
    expect(PARAMETERS.precip_past1min.max).toBe(20);
    expect(PARAMETERS.precip_past10min.max).toBe(100);
    expect(PARAMETERS.precip_past1h.max).toBe(200);
    expect(PARAMETERS.precip_past24h.max).toBe(400);
    expect(PARAMETERS.wind_max.max).toBe(75);
    expect([PARAMETERS.wind_dir.min, PARAMETERS.wind_dir.max]).toEqual([0, 360]);
    expect([PARAMETERS.temp_dry.min, PARAMETERS.temp_dry.max]).toEqual([-60, 60]);
    expect([PARAMETERS.pressure_at_sea.min, PARAMETERS.pressure_at_sea.max]).toEqual([850, 1090]);
  });
});

describe('toCanonical', () => {
  it('converts cm and mm to metres exactly (113 cm is 1.13 m, not 1.1300000000000001)', () => {
    expect(canonical('sea_level', 152, 'cm')).toBe(1.52);
    expect(canonical('sea_level', 113, 'cm')).toBe(1.13);
    expect(canonical('water_level', 1520, 'mm')).toBe(1.52);
    expect(canonical('sea_level', 1.52, 'm')).toBe(1.52);
  });

  it('converts kelvin to degrees Celsius', () => {
    expect(canonical('temp_dry', 273.15, 'K')).toBe(0);
    expect(canonical('temp_dry', 293.15, 'K')).toBeCloseTo(20, 9);
    expect(canonical('temp_dry', 20, '°C')).toBe(20);
  });

  it('converts km/h and knots to m/s', () => {
    expect(canonical('wind_speed', 36, 'km/h')).toBeCloseTo(10, 9);
    expect(canonical('wind_max', 10, 'kn')).toBeCloseTo(5.1444, 4);
  });

  it('converts Pa to hPa and accepts ° for direction', () => {
    expect(canonical('pressure_at_sea', 101325, 'Pa')).toBeCloseTo(1013.25, 9);
    expect(canonical('wind_dir', 270, '°')).toBe(270);
  });

  it('rejects a unit the parameter does not accept, naming the unit and the accepted ones', () => {
    const r = toCanonical('sea_level', 1, 'ft');
    expect(r).toEqual({
      ok: false,
      rejection: { code: 'unknown-unit', field: 'unit', message: expect.stringContaining('"ft"') },
    });
    if (!r.ok) expect(r.rejection.message).toContain('m, cm, mm');
  });

  it('rejects units of another quantity and wrong-case symbols', () => {
    expect(toCanonical('precip_past1h', 1, 'cm').ok).toBe(false);
    expect(toCanonical('temp_dry', 1, 'k').ok).toBe(false);
    expect(toCanonical('sea_level', 1, 'CM').ok).toBe(false);
  });

  it('does not resolve inherited object keys as units', () => {
    expect(toCanonical('sea_level', 1, 'constructor').ok).toBe(false);
    expect(toCanonical('sea_level', 1, '__proto__').ok).toBe(false);
  });
});

describe('checkRange', () => {
  it('accepts the bounds themselves and rejects just beyond them', () => {
    expect(checkRange('sea_level', 5)).toBeUndefined();
    expect(checkRange('sea_level', -3)).toBeUndefined();
    const r = checkRange('sea_level', 5.01);
    expect(r?.code).toBe('out-of-range');
    expect(r?.message).toContain('5.01');
    expect(r?.message).toContain('-3..5 m');
  });

  it('rejects negative precipitation and wind direction over 360', () => {
    expect(checkRange('precip_past1h', -0.5)?.code).toBe('out-of-range');
    expect(checkRange('wind_dir', 361)?.code).toBe('out-of-range');
  });
});
