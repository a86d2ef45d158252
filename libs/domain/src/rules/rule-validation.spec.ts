import type { LevelSet, ZoneRule } from './rule-spec';
import { validateZoneRule } from './rule-validation';

const ASSENS: LevelSet = {
  id: 'assens-today',
  name: 'Assens Havn',
  version: 1,
  datum: 'DVR90',
  scenario: 'today',
  levels: [
    { severity: 'yellow', enter: 1.0, leave: 0.95, label: 'water on the quays' },
    { severity: 'orange', enter: 1.25, leave: 1.2, label: 'Nordre Havnevej closed' },
    { severity: 'red', enter: 1.51, leave: 1.45, label: 'critical' },
  ],
};
const threshold = (levelSetId = 'assens-today', minDurationMs = 0): ZoneRule => ({
  id: 'r',
  hazard: 'coastal-flooding',
  spec: { kind: 'threshold', parameter: 'sea_level', levelSetId, minDurationMs },
  enabled: true,
});

describe('rule validation', () => {
  it('accepts the Assens threshold rule', () => {
    expect(validateZoneRule(threshold(), [ASSENS])).toEqual([]);
  });

  it('names a missing level set and a negative duration', () => {
    expect(validateZoneRule(threshold('assens-2050', -1), [ASSENS])).toEqual([
      'minDurationMs must be ≥ 0, got -1',
      'level set "assens-2050" is not among the zone\'s level sets',
    ]);
  });

  it('refuses leave above enter (flapping by design) and levels whose enter does not rise with severity', () => {
    const bad: LevelSet = {
      ...ASSENS,
      levels: [
        { severity: 'yellow', enter: 1.0, leave: 1.05, label: '' },
        { severity: 'orange', enter: 0.9, leave: 0.85, label: '' },
      ],
    };
    expect(validateZoneRule(threshold(), [bad])).toEqual([
      'level yellow of "assens-today": leave 1.05 is above enter 1',
      'level set "assens-today": orange enters at 0.9, not above yellow at 1',
    ]);
  });

  it('refuses a quorum below 1 and non-positive windows', () => {
    const rate: ZoneRule = {
      id: 'r',
      hazard: 'coastal-flooding',
      spec: {
        kind: 'rate-of-rise',
        parameter: 'sea_level',
        risePerHour: 0.3,
        windowMs: 0,
        severity: 'orange',
      },
      quorum: { k: 0 },
      enabled: true,
    };
    expect(validateZoneRule(rate, [])).toEqual([
      'quorum k must be a whole number ≥ 1, got 0',
      'windowMs must be > 0, got 0',
    ]);
  });
});
