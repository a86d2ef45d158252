import { CapInputError } from './cap-error';
import { capInstantMs, copenhagenOffsetMinutes, danishDateTimeText, toCapDateTime } from './cap-time';

const CAP_FORM = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[-+]\d\d:\d\d$/;

describe('CAP date-time', () => {
  it('writes Danish local time with its offset: no Z, no fractions (summer +02:00, winter +01:00)', () => {
    expect(toCapDateTime('2023-10-21T03:00:00.000Z')).toBe('2023-10-21T05:00:00+02:00');
    expect(toCapDateTime('2024-01-15T12:00:00Z')).toBe('2024-01-15T13:00:00+01:00');
    expect(toCapDateTime('2023-10-21T03:00:00.000Z')).toMatch(CAP_FORM);
  });

  it('reads offsets, -00:00 included, and names the same instant', () => {
    expect(toCapDateTime('2023-10-21T05:00:00+02:00')).toBe('2023-10-21T05:00:00+02:00');
    expect(toCapDateTime('2023-10-21T03:00:00-00:00')).toBe('2023-10-21T05:00:00+02:00');
    expect(toCapDateTime('2023-10-20T22:00:00-05:00')).toBe('2023-10-21T05:00:00+02:00');
  });

  it('truncates fractions, never rounding a time forward', () => {
    expect(toCapDateTime('2023-10-21T03:00:00.999Z')).toBe('2023-10-21T05:00:00+02:00');
    expect(toCapDateTime('2023-10-21T03:00:59.5Z')).toBe('2023-10-21T05:00:59+02:00');
  });

  it('changes offset exactly at the EU transitions (2024: 31 March and 27 October, 01:00 UTC)', () => {
    expect(toCapDateTime('2024-03-31T00:59:59Z')).toBe('2024-03-31T01:59:59+01:00');
    expect(toCapDateTime('2024-03-31T01:00:00Z')).toBe('2024-03-31T03:00:00+02:00');
    expect(toCapDateTime('2024-10-27T00:59:59Z')).toBe('2024-10-27T02:59:59+02:00');
    expect(toCapDateTime('2024-10-27T01:00:00Z')).toBe('2024-10-27T02:00:00+01:00');
    expect(toCapDateTime('2023-12-31T23:30:00Z')).toBe('2024-01-01T00:30:00+01:00');
  });

  it('agrees with the IANA Europe/Copenhagen zone from 1997 to 2037', () => {
    const intl = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Copenhagen',
      timeZoneName: 'shortOffset',
    });
    const ianaOffset = (ms: number) => {
      const name = intl.formatToParts(ms).find((p) => p.type === 'timeZoneName')!.value; // "GMT+2"
      return Number(name.replace('GMT', '')) * 60;
    };
    const mismatches: string[] = [];
    const check = (ms: number) => {
      if (copenhagenOffsetMinutes(ms) !== ianaOffset(ms)) mismatches.push(new Date(ms).toISOString());
    };
    for (let ms = Date.UTC(1997, 0, 1); ms < Date.UTC(2038, 0, 1); ms += 5 * 3_600_000) check(ms);
    for (let year = 1997; year < 2038; year++) {
      for (const month of [2, 9]) {
        const last = new Date(Date.UTC(year, month + 1, 0));
        const switchAt = Date.UTC(year, month, last.getUTCDate() - last.getUTCDay(), 1);
        check(switchAt - 1000);
        check(switchAt);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('refuses text that is not an instant with a zone', () => {
    for (const bad of [
      'yesterday',
      '2023-10-21T03:00:00',
      '2023-10-21 03:00:00Z',
      '2023-02-30T00:00:00Z',
      '2023-10-21T24:00:00Z',
      '2023-10-21T03:00:00+25:00',
      '1899-12-31T23:00:00Z',
    ]) {
      expect(() => capInstantMs(bad, 'sentAt')).toThrow(CapInputError);
    }
    expect(() => toCapDateTime('2023-10-21T03:00', 'onset')).toThrow(/^onset: /);
  });

  it('writes dates for people in Danish and English, in Danish time', () => {
    const ms = Date.parse('2023-10-20T23:10:00Z');
    expect(danishDateTimeText(ms, 'da')).toBe('21. oktober 2023 kl. 01:10');
    expect(danishDateTimeText(ms, 'en')).toBe('21 October 2023 at 01:10 (Danish time)');
  });
});
