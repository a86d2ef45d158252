import { levelsOf, RuleConfigError, severityEntered, severityKept, severityWithHysteresis } from './levels';
import type { LevelSet } from './rule-spec';

const ASSENS: LevelSet = {
  id: 'assens-today',
  name: 'Assens Havn',
  version: 1,
  datum: 'DVR90',
  scenario: 'today',
  levels: [
    { severity: 'red', enter: 1.51, leave: 1.45, label: 'critical' },
    { severity: 'yellow', enter: 1.0, leave: 0.95, label: 'water on the quays' },
    { severity: 'orange', enter: 1.25, leave: 1.2, label: 'Nordre Havnevej closed' },
  ],
};
const levels = levelsOf([ASSENS], 'assens-today');

describe('levels', () => {
  it('orders a level set lowest severity first', () => {
    expect(levels.map((l) => l.severity)).toEqual(['yellow', 'orange', 'red']);
  });

  it('enters at enter, inclusive', () => {
    expect([0.99, 1.0, 1.25, 1.5, 1.51].map((v) => severityEntered(levels, v))).toEqual([
      null,
      'yellow',
      'orange',
      'orange',
      'red',
    ]);
  });

  it('keeps a level down to leave, inclusive, and never keeps one above the current severity', () => {
    expect(severityKept(levels, 1.45, 'red')).toBe('red');
    expect(severityKept(levels, 1.449, 'red')).toBe('orange');
    expect(severityKept(levels, 1.6, 'yellow')).toBe('yellow');
    expect(severityKept(levels, 0.94, 'red')).toBeNull();
  });

  it('combines entering and keeping', () => {
    expect(severityWithHysteresis(levels, 0.97, null)).toBeNull();
    expect(severityWithHysteresis(levels, 0.97, 'yellow')).toBe('yellow');
    expect(severityWithHysteresis(levels, 1.3, 'yellow')).toBe('orange');
  });

  it('throws RuleConfigError for a missing or empty level set', () => {
    expect(() => levelsOf([ASSENS], 'nope')).toThrow(RuleConfigError);
    expect(() => levelsOf([{ ...ASSENS, levels: [] }], 'assens-today')).toThrow(/no levels/);
  });
});
