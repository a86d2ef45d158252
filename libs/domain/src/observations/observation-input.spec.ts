import { parseObservationInput, type ObservationInputContext } from './observation-input';

const ctx: ObservationInputContext = {
  receivedAt: new Date('2023-10-20T21:00:00.000Z'),
  source: 'sensor-batch',
};
const valid = {
  stationId: '9020201',
  parameter: 'sea_level',
  observedAt: '2023-10-20T22:50:00+02:00',
  value: 2.02,
  unit: 'm',
};

function rejectionOf(raw: unknown, context: ObservationInputContext = ctx) {
  const r = parseObservationInput(raw, context);
  if (r.ok) throw new Error(`expected a rejection, got ${JSON.stringify(r.observation)}`);
  return r.rejection;
}
function observationOf(raw: unknown, context: ObservationInputContext = ctx) {
  const r = parseObservationInput(raw, context);
  if (!r.ok) throw new Error(r.rejection.message);
  return r.observation;
}

describe('parseObservationInput', () => {
  it('builds a canonical observation with UTC timestamps, quality ok and createdAt defaulting to receivedAt', () => {
    expect(observationOf(valid)).toEqual({
      stationId: '9020201',
      parameter: 'sea_level',
      observedAt: '2023-10-20T20:50:00.000Z',
      value: 2.02,
      unit: 'm',
      source: 'sensor-batch',
      quality: 'ok',
      createdAt: '2023-10-20T21:00:00.000Z',
      receivedAt: '2023-10-20T21:00:00.000Z',
    });
  });

  it('keeps a given createdAt, normalised', () => {
    expect(observationOf({ ...valid, createdAt: '2023-10-20T22:55:00+02:00' }).createdAt).toBe(
      '2023-10-20T20:55:00.000Z',
    );
  });

  it('converts cm to m', () => {
    const o = observationOf({ ...valid, value: 152, unit: 'cm' });
    expect(o.value).toBe(1.52);
    expect(o.unit).toBe('m');
  });

  it('converts K to degC', () => {
    const o = observationOf({
      ...valid,
      stationId: '06123',
      parameter: 'temp_dry',
      value: 283.15,
      unit: 'K',
    });
    expect(o.value).toBeCloseTo(10, 9);
    expect(o.unit).toBe('degC');
    expect(o.stationId).toBe('06123');
  });

  it('accepts a JSON string after parsing', () => {
    expect(observationOf(JSON.parse(JSON.stringify(valid))).value).toBe(2.02);
  });

  it.each([
    ['null', null],
    ['an array', [valid]],
    ['a string', JSON.stringify(valid)],
    ['a number', 42],
  ])('rejects %s as malformed', (_label, raw) => {
    expect(rejectionOf(raw).code).toBe('malformed');
  });

  it.each(['stationId', 'parameter', 'observedAt', 'value', 'unit'])(
    'rejects a missing %s as missing-field',
    (field) => {
      const raw: Record<string, unknown> = { ...valid };
      delete raw[field];
      expect(rejectionOf(raw)).toMatchObject({ code: 'missing-field', field });
    },
  );

  it('rejects an SQL-ish station id as invalid-station-id, quoting it', () => {
    const r = rejectionOf({ ...valid, stationId: "x'; DROP TABLE observations; --" });
    expect(r).toMatchObject({ code: 'invalid-station-id', field: 'stationId' });
    expect(r.message).toContain(`"x'; DROP TABLE`);
  });

  it('rejects empty, over-long and punctuation-led station ids, and accepts device ids', () => {
    expect(rejectionOf({ ...valid, stationId: '' }).code).toBe('invalid-station-id');
    expect(rejectionOf({ ...valid, stationId: 'a'.repeat(65) }).code).toBe('invalid-station-id');
    expect(rejectionOf({ ...valid, stationId: '-abc' }).code).toBe('invalid-station-id');
    expect(rejectionOf({ ...valid, stationId: 'a b' }).code).toBe('invalid-station-id');
    expect(observationOf({ ...valid, stationId: 'a'.repeat(64) }).stationId).toHaveLength(64);
    expect(observationOf({ ...valid, stationId: 'eui-70b3d57ed0001234:lvl.1_a' }).stationId).toBe(
      'eui-70b3d57ed0001234:lvl.1_a',
    );
  });

  it('rejects a numeric station id as wrong-type (its leading zeros are already lost)', () => {
    expect(rejectionOf({ ...valid, stationId: 6123 })).toMatchObject({
      code: 'wrong-type',
      field: 'stationId',
    });
  });

  it('rejects an unknown parameter, naming it', () => {
    const r = rejectionOf({ ...valid, parameter: 'humidity' });
    expect(r).toMatchObject({ code: 'unknown-parameter', field: 'parameter' });
    expect(r.message).toContain('"humidity"');
  });

  it('rejects a DMI provider id as the parameter (the own format uses canonical ids)', () => {
    expect(rejectionOf({ ...valid, parameter: 'sea_reg' }).code).toBe('unknown-parameter');
  });

  it.each([
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['-Infinity', -Infinity],
  ])('rejects value %s as not-finite', (label, value) => {
    const r = rejectionOf({ ...valid, value });
    expect(r).toMatchObject({ code: 'not-finite', field: 'value' });
    expect(r.message).toContain(label);
  });

  it.each([
    ['the string "1.2"', '1.2'],
    ['an empty string', ''],
    ['a boolean', true],
    ['an object', { v: 1 }],
  ])('rejects value as %s as wrong-type', (_label, value) => {
    expect(rejectionOf({ ...valid, value })).toMatchObject({ code: 'wrong-type', field: 'value' });
  });

  it('rejects a null value as null-value', () => {
    expect(rejectionOf({ ...valid, value: null })).toMatchObject({ code: 'null-value', field: 'value' });
  });

  it('rejects a unit not accepted for the parameter as unknown-unit', () => {
    expect(rejectionOf({ ...valid, unit: 'ft' })).toMatchObject({ code: 'unknown-unit', field: 'unit' });
    expect(rejectionOf({ ...valid, unit: 'mm/h' })).toMatchObject({ code: 'unknown-unit' });
    expect(rejectionOf({ ...valid, unit: 1 })).toMatchObject({ code: 'wrong-type', field: 'unit' });
  });

  it('rejects a value outside the range after conversion (152 given as metres)', () => {
    const r = rejectionOf({ ...valid, value: 152, unit: 'm' });
    expect(r).toMatchObject({ code: 'out-of-range', field: 'value' });
    expect(r.message).toContain('152');
  });

  it('rejects an observedAt more than 10 minutes after receivedAt', () => {
    expect(rejectionOf({ ...valid, observedAt: '2023-10-20T21:10:01Z' })).toMatchObject({
      code: 'future-timestamp',
      field: 'observedAt',
    });
    expect(observationOf({ ...valid, observedAt: '2023-10-20T21:10:00Z' }).observedAt).toBe(
      '2023-10-20T21:10:00.000Z',
    );
  });

  it('honours a custom maxFutureMs', () => {
    const strict = { ...ctx, maxFutureMs: 1000 };
    expect(rejectionOf({ ...valid, observedAt: '2023-10-20T21:00:02Z' }, strict).code).toBe(
      'future-timestamp',
    );
  });

  it('rejects an observedAt before 1900 as timestamp-too-old', () => {
    expect(rejectionOf({ ...valid, observedAt: '1899-12-31T23:00:00Z' })).toMatchObject({
      code: 'timestamp-too-old',
      field: 'observedAt',
    });
  });

  it('rejects a zone-less or non-string observedAt', () => {
    expect(rejectionOf({ ...valid, observedAt: '2023-10-20T20:50:00' }).code).toBe('invalid-timestamp');
    expect(rejectionOf({ ...valid, observedAt: 1697835000000 }).code).toBe('wrong-type');
  });

  it('applies the same timestamp rules to createdAt, and refuses an explicit null', () => {
    expect(rejectionOf({ ...valid, createdAt: '2099-01-01T00:00:00Z' })).toMatchObject({
      code: 'future-timestamp',
      field: 'createdAt',
    });
    expect(rejectionOf({ ...valid, createdAt: '1850-01-01T00:00:00Z' })).toMatchObject({
      code: 'timestamp-too-old',
      field: 'createdAt',
    });
    expect(rejectionOf({ ...valid, createdAt: 'soon' }).code).toBe('invalid-timestamp');
    expect(rejectionOf({ ...valid, createdAt: null })).toMatchObject({
      code: 'missing-field',
      field: 'createdAt',
    });
  });

  it('ignores unknown extra fields', () => {
    expect(observationOf({ ...valid, comment: 'from the harbour' }).value).toBe(2.02);
  });

  it('truncates a huge bad value in the message', () => {
    const r = rejectionOf({ ...valid, parameter: 'p'.repeat(10_000) });
    expect(r.message.length).toBeLessThan(400);
  });

  it('throws on an invalid receivedAt rather than accepting any future timestamp', () => {
    expect(() => parseObservationInput(valid, { ...ctx, receivedAt: new Date('nope') })).toThrow(TypeError);
  });
});
