// The risk a zone's hazards show once the rules' coverage counts: unknown is never clear.
import type { ZoneRule } from '../rules/rule-spec';
import type { Vote } from '../rules/verdict';
import type { Hazard } from './hazard';
import { coverageRuleIds, judgeZoneCoverage, worstRisk, type StandingOutcome, type StandingSeverity } from './zone-coverage';

const RULES: ZoneRule[] = [
  { id: 'vandstand', hazard: 'coastal-flooding', spec: { kind: 'threshold', parameter: 'sea_level', levelSetId: 'today', minDurationMs: 0 }, enabled: true },
  { id: 'dkss-prognose', hazard: 'coastal-flooding', spec: { kind: 'forecast', levelSetId: 'today', horizonMs: 3_600_000 }, enabled: true },
  {
    id: 'hoejvande-paalandsvind',
    hazard: 'coastal-flooding',
    spec: { kind: 'compound', seaLevelEnterM: 1, seaLevelLeaveM: 0.95, windFromDeg: 200, windToDeg: 340, minWindSpeedMs: 10, severity: 'orange' },
    enabled: true,
  },
  { id: 'maaler-tavs', hazard: 'coastal-flooding', spec: { kind: 'stale', maxSilenceMs: 3_600_000 }, enabled: true },
  { id: 'middelvind', hazard: 'wind', spec: { kind: 'threshold', parameter: 'wind_speed', levelSetId: 'vind', minDurationMs: 0 }, enabled: true },
  { id: 'gammel', hazard: 'wind', spec: { kind: 'threshold', parameter: 'wind_speed', levelSetId: 'vind', minDurationMs: 0 }, enabled: false },
];
const zone: { hazards: Hazard[]; rules: ZoneRule[] } = { hazards: ['coastal-flooding', 'wind'], rules: RULES };

const SILENT: Vote[] = [
  { stationId: '06120', severity: null, status: 'ok' },
  { stationId: '9020201', severity: null, status: 'silent' },
  { stationId: '9020301', severity: null, status: 'suspect' },
];
const outcome = (ruleId: string, state: StandingOutcome['state'], hazard: StandingOutcome['hazard'] = 'coastal-flooding'): StandingOutcome => ({
  ruleId,
  hazard,
  state,
  votes: state === 'unknown' ? SILENT : [],
  at: '2023-10-20T22:50:00.000Z',
});
const alert = (ruleId: string, severity: StandingSeverity['severity'], hazard: StandingSeverity['hazard'] = 'coastal-flooding'): StandingSeverity => ({ ruleId, hazard, severity });

describe('a zone’s risk once coverage counts', () => {
  it('judges coverage by the enabled observation rules only: not stale, not forecast', () => {
    expect(coverageRuleIds(zone)).toEqual(['vandstand', 'hoejvande-paalandsvind', 'middelvind']);
  });

  it('with no outcomes recorded, the risk is the standing alerts’, as before', () => {
    const c = judgeZoneCoverage(zone, [], [alert('vandstand', 'orange')]);
    expect(c.risk).toEqual({ 'coastal-flooding': 'orange', wind: null });
    expect(c.lost).toEqual([]);
  });

  it('a rule gone unknown makes its hazard unknown, never clear, and names the silent and suspect gauges', () => {
    const c = judgeZoneCoverage(zone, [outcome('vandstand', 'unknown'), outcome('hoejvande-paalandsvind', null), outcome('middelvind', null, 'wind')], []);
    expect(c.risk).toEqual({ 'coastal-flooding': 'unknown', wind: null });
    expect(c.lost).toEqual([
      { hazard: 'coastal-flooding', ruleId: 'vandstand', since: '2023-10-20T22:50:00.000Z', silentStationIds: ['9020201'], suspectStationIds: ['9020301'] },
    ]);
  });

  it('the blind rule’s own alert is only its last severity: the hazard is unknown, the alert marked', () => {
    const c = judgeZoneCoverage(zone, [outcome('vandstand', 'unknown')], [alert('vandstand', 'orange')]);
    expect(c.risk['coastal-flooding']).toBe('unknown');
    expect(c.lastSeenOnly.has('coastal-flooding:vandstand')).toBe(true);
  });

  it('the gauge-silent alert is the page about lost coverage, not a level: beside it the hazard stays unknown', () => {
    const blind = judgeZoneCoverage(zone, [outcome('vandstand', 'unknown')], [alert('vandstand', 'orange'), alert('maaler-tavs', 'yellow')]);
    expect(blind.risk['coastal-flooding']).toBe('unknown');
    // Without lost coverage (e.g. no outcomes recorded) it counts, as it always did.
    expect(judgeZoneCoverage(zone, [], [alert('maaler-tavs', 'yellow')]).risk['coastal-flooding']).toBe('yellow');
  });

  it('a definite severity from a rule that still sees (or a forecast) stands beside lost coverage', () => {
    const c = judgeZoneCoverage(zone, [outcome('vandstand', 'unknown')], [alert('vandstand', 'red'), alert('dkss-prognose', 'yellow')]);
    expect(c.risk['coastal-flooding']).toBe('yellow');
    expect(c.lost.map((l) => l.ruleId)).toEqual(['vandstand']);
  });

  it('ignores unknown outcomes of stale, forecast and disabled rules', () => {
    const c = judgeZoneCoverage(zone, [outcome('maaler-tavs', 'unknown'), outcome('dkss-prognose', 'unknown'), outcome('gammel', 'unknown', 'wind')], []);
    expect(c.risk).toEqual({ 'coastal-flooding': null, wind: null });
    expect(c.lost).toEqual([]);
  });

  it('colours the zone by its worst definite severity, then unknown, then clear', () => {
    expect(worstRisk(['unknown', 'yellow', null])).toBe('yellow');
    expect(worstRisk([null, 'unknown'])).toBe('unknown');
    expect(worstRisk([null, null])).toBeNull();
    expect(worstRisk(['orange', 'red'])).toBe('red');
  });
});
