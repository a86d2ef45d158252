import { describeType, describeValue, rejection } from './rejection';

describe('describeValue', () => {
  it('quotes strings so an empty or blank value is visible', () => {
    expect(describeValue('')).toBe('""');
    expect(describeValue(' 1.2')).toBe('" 1.2"');
  });

  it('spells out NaN, Infinity and undefined instead of the null JSON would print', () => {
    expect(describeValue(NaN)).toBe('NaN');
    expect(describeValue(-Infinity)).toBe('-Infinity');
    expect(describeValue(undefined)).toBe('undefined');
  });

  it('truncates long values to 60 characters plus an ellipsis', () => {
    const text = describeValue('x'.repeat(500));
    expect(text).toHaveLength(61);
    expect(text.endsWith('…')).toBe(true);
  });

  it('survives circular objects', () => {
    const o: Record<string, unknown> = {};
    o.self = o;
    expect(describeValue(o)).toBe('an object');
  });
});

describe('describeType', () => {
  it('tells null and arrays apart from objects', () => {
    expect(describeType(null)).toBe('null');
    expect(describeType([])).toBe('array');
    expect(describeType({})).toBe('object');
    expect(describeType('1')).toBe('string');
  });
});

describe('rejection', () => {
  it('omits field when none is given', () => {
    expect(rejection('malformed', 'bad')).toEqual({ code: 'malformed', message: 'bad' });
    expect('field' in rejection('malformed', 'bad')).toBe(false);
    expect(rejection('out-of-range', 'bad', 'value')).toEqual({
      code: 'out-of-range',
      message: 'bad',
      field: 'value',
    });
  });
});
