import { parseInstant } from './instant';

const receivedAt = new Date('2024-10-20T12:00:00.000Z');
const rules = { receivedAt };

function iso(raw: unknown): string {
  const r = parseInstant(raw, 'observedAt', rules);
  if (!r.ok) throw new Error(r.rejection.message);
  return r.iso;
}
function code(
  raw: unknown,
  extra: Partial<typeof rules> & { maxFutureMs?: number } = {},
): string | undefined {
  const r = parseInstant(raw, 'observedAt', { ...rules, ...extra });
  return r.ok ? undefined : r.rejection.code;
}

describe('parseInstant', () => {
  it('normalises offsets and short forms to toISOString() UTC', () => {
    expect(iso('2024-10-20T13:30:00+02:00')).toBe('2024-10-20T11:30:00.000Z');
    expect(iso('2024-10-20T11:30Z')).toBe('2024-10-20T11:30:00.000Z');
    expect(iso('2024-10-20T10:30:00-0100')).toBe('2024-10-20T11:30:00.000Z');
    expect(iso('2024-10-20t11:30:00z')).toBe('2024-10-20T11:30:00.000Z');
  });

  it('truncates sub-millisecond digits instead of rounding forward', () => {
    expect(iso('2024-10-20T11:30:00.123987Z')).toBe('2024-10-20T11:30:00.123Z');
    expect(iso('2024-10-20T11:30:00.5Z')).toBe('2024-10-20T11:30:00.500Z');
  });

  it('rejects an instant without a zone designator as invalid-timestamp', () => {
    const r = parseInstant('2024-10-20T11:30:00', 'observedAt', rules);
    expect(r).toEqual({
      ok: false,
      rejection: {
        code: 'invalid-timestamp',
        field: 'observedAt',
        message: expect.stringContaining('"2024-10-20T11:30:00"'),
      },
    });
  });

  it('rejects dates and times that do not exist', () => {
    expect(code('2023-02-29T00:00:00Z')).toBe('invalid-timestamp');
    expect(code('2024-13-01T00:00:00Z')).toBe('invalid-timestamp');
    expect(code('2024-10-20T24:00:00Z')).toBe('invalid-timestamp');
    expect(code('2024-10-20T12:00:60Z')).toBe('invalid-timestamp');
    expect(code('2024-10-20T12:00:00+25:00')).toBe('invalid-timestamp');
    expect(code('2024-02-29T00:00:00Z')).toBeUndefined();
  });

  it('rejects epoch numbers, Dates and free text', () => {
    expect(code(1729425600000)).toBe('wrong-type');
    expect(code(new Date('2024-10-20T11:00:00Z'))).toBe('wrong-type');
    expect(code('yesterday')).toBe('invalid-timestamp');
    expect(code('')).toBe('invalid-timestamp');
  });

  it('reports absent and null as missing-field', () => {
    expect(code(undefined)).toBe('missing-field');
    expect(code(null)).toBe('missing-field');
  });

  it('rejects instants before 1900-01-01, including via a zone offset', () => {
    expect(code('1899-12-31T23:59:59Z')).toBe('timestamp-too-old');
    expect(code('0050-01-01T00:00:00Z')).toBe('timestamp-too-old');
    expect(code('1900-01-01T00:30:00+01:00')).toBe('timestamp-too-old');
    expect(code('1900-01-01T00:00:00Z')).toBeUndefined();
  });

  it('accepts up to 10 minutes after receivedAt by default and rejects beyond', () => {
    expect(code('2024-10-20T12:10:00Z')).toBeUndefined();
    const r = parseInstant('2024-10-20T12:10:00.001Z', 'observedAt', rules);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.rejection.code).toBe('future-timestamp');
      expect(r.rejection.message).toContain('600 s');
      expect(r.rejection.message).toContain('2024-10-20T12:00:00.000Z');
    }
  });

  it('honours a custom maxFutureMs', () => {
    expect(code('2024-10-20T12:00:01Z', { maxFutureMs: 0 })).toBe('future-timestamp');
    expect(code('2024-10-20T12:00:00Z', { maxFutureMs: 0 })).toBeUndefined();
  });
});
