import type { ZoneDocument } from '@klimavagt/storage';
import { zodProblems, zoneDocumentSchema, zoneUpdateSchema } from './zone-document.schema';

const MIN = 60_000;

function harbour(): ZoneDocument {
  return {
    id: 'assens-havn',
    name: 'Assens Havn (illustrativ afgrænsning)',
    illustrative: true,
    hazards: ['coastal-flooding', 'wind'],
    owner: 'Assens Kommune',
    geometry: { type: 'Polygon', coordinates: [[[9.886, 55.266], [9.8935, 55.266], [9.8945, 55.2705], [9.886, 55.2705], [9.886, 55.266]]] },
    representativeStationIds: ['9020201', '06123'],
    nearbyDistanceM: 2000,
    levelSets: [
      {
        id: 'today',
        name: 'I dag',
        version: 1,
        datum: 'DVR90',
        scenario: 'today',
        levels: [
          { severity: 'yellow', enter: 1.0, leave: 0.95, label: 'Vand på kajerne' },
          { severity: 'orange', enter: 1.25, leave: 1.2, label: 'Nordre Havnevej lukket' },
          { severity: 'red', enter: 1.51, leave: 1.45, label: 'Kritisk' },
        ],
      },
      { id: 'vind', name: 'Vind', version: 1, datum: 'none', scenario: 'today', levels: [{ severity: 'yellow', enter: 20.8, leave: 19.5, label: 'Stormende kuling' }] },
    ],
    rules: [
      { id: 'vandstand', hazard: 'coastal-flooding', spec: { kind: 'threshold', parameter: 'sea_level', levelSetId: 'today', minDurationMs: 10 * MIN }, quorum: { k: 1 }, enabled: true },
      { id: 'prognose', hazard: 'coastal-flooding', spec: { kind: 'forecast', levelSetId: 'today', horizonMs: 12 * 60 * MIN }, enabled: true },
      {
        id: 'hoejvande-vind',
        hazard: 'coastal-flooding',
        spec: { kind: 'compound', seaLevelEnterM: 1, seaLevelLeaveM: 0.95, windFromDeg: 200, windToDeg: 340, minWindSpeedMs: 10, severity: 'orange' },
        enabled: true,
      },
      { id: 'tavs', hazard: 'coastal-flooding', spec: { kind: 'stale', maxSilenceMs: 60 * MIN }, enabled: true },
      { id: 'vind', hazard: 'wind', spec: { kind: 'threshold', parameter: 'wind_speed', levelSetId: 'vind', minDurationMs: 0 }, enabled: false },
    ],
  };
}

type Mutable = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function problemsOf(mutate: (doc: Mutable) => void) {
  const doc = structuredClone(harbour()) as Mutable;
  mutate(doc);
  const parsed = zoneDocumentSchema.safeParse(doc);
  return parsed.success ? [] : zodProblems(parsed.error);
}

describe('zone document schema', () => {
  it('accepts a coherent zone', () => {
    expect(problemsOf(() => undefined)).toEqual([]);
  });

  it.each([
    ['an id with capitals', (d: Mutable) => (d.id = 'Assens_Havn'), 'id'],
    ['an id that starts with "-"', (d: Mutable) => (d.id = '-havn'), 'id'],
    ['an id over 64 characters', (d: Mutable) => (d.id = 'a'.repeat(65)), 'id'],
    ['an unknown hazard', (d: Mutable) => (d.hazards = ['coastal-flooding', 'tsunami']), 'hazards.1'],
    ['no hazard', (d: Mutable) => (d.hazards = []), 'hazards'],
    ['an empty name', (d: Mutable) => (d.name = '  '), 'name'],
    ['no geometry', (d: Mutable) => delete d.geometry, 'geometry'],
    ['illustrative missing', (d: Mutable) => delete d.illustrative, 'illustrative'],
    ['nearbyDistanceM above 50 km', (d: Mutable) => (d.nearbyDistanceM = 50_001), 'nearbyDistanceM'],
    ['a negative nearbyDistanceM', (d: Mutable) => (d.nearbyDistanceM = -1), 'nearbyDistanceM'],
    ['an unknown field', (d: Mutable) => (d.colour = 'blue'), ''],
    ['a datum other than DVR90/none', (d: Mutable) => (d.levelSets[0].datum = 'DNN'), 'levelSets.0.datum'],
    ['a level set without levels', (d: Mutable) => (d.levelSets[1].levels = []), 'levelSets.1.levels'],
    ['quorum k of 0', (d: Mutable) => (d.rules[0].quorum = { k: 0 }), 'rules.0.quorum.k'],
    ['an unknown rule kind', (d: Mutable) => (d.rules[0].spec.kind = 'vibes'), 'rules.0.spec.kind'],
    ['an unknown parameter', (d: Mutable) => (d.rules[0].spec.parameter = 'sea_reg'), 'rules.0.spec.parameter'],
    ['a negative minDurationMs', (d: Mutable) => (d.rules[0].spec.minDurationMs = -1), 'rules.0.spec.minDurationMs'],
    ['a wind direction above 360', (d: Mutable) => (d.rules[2].spec.windToDeg = 400), 'rules.2.spec.windToDeg'],
    ['a station id with spaces', (d: Mutable) => (d.representativeStationIds = ['90 20201']), 'representativeStationIds.0'],
  ])('refuses %s', (_what, mutate, path) => {
    const problems = problemsOf(mutate);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.map((p) => p.path ?? '')).toContain(path);
  });

  it('refuses a level with leave above enter, naming both values', () => {
    const problems = problemsOf((d) => (d.levelSets[0].levels[1].leave = 1.3));
    expect(problems).toEqual([expect.objectContaining({ code: 'leave-above-enter', path: 'levelSets.0.levels.1.leave', message: expect.stringContaining('1.3') })]);
  });

  it('allows leave equal to enter (no hysteresis)', () => {
    expect(problemsOf((d) => (d.levelSets[0].levels[0].leave = 1.0))).toEqual([]);
  });

  it('refuses levels out of severity order or with enter not increasing', () => {
    const swapped = problemsOf((d) => d.levelSets[0].levels.reverse());
    expect(swapped.map((p) => p.code)).toEqual(expect.arrayContaining(['levels-out-of-order', 'levels-not-increasing']));
    const twice = problemsOf((d) => (d.levelSets[0].levels[1].severity = 'yellow'));
    expect(twice.map((p) => p.code)).toContain('levels-out-of-order');
    const flat = problemsOf((d) => {
      d.levelSets[0].levels[1].enter = 1.0;
      d.levelSets[0].levels[1].leave = 0.9;
    });
    expect(flat).toEqual([expect.objectContaining({ code: 'levels-not-increasing', path: 'levelSets.0.levels.1.enter' })]);
  });

  it('refuses a rule that refers to a level set the zone lacks, naming the ones it has', () => {
    const problems = problemsOf((d) => (d.rules[1].spec.levelSetId = '2050-rcp85'));
    expect(problems).toEqual([
      expect.objectContaining({ code: 'unknown-level-set', path: 'rules.1.spec.levelSetId', message: expect.stringContaining('today, vind') }),
    ]);
  });

  it('requires DVR90 for level parameters and forecasts, and no datum for others', () => {
    expect(problemsOf((d) => (d.levelSets[0].datum = 'none')).map((p) => p.code)).toEqual(['datum-mismatch', 'datum-mismatch']);
    expect(problemsOf((d) => (d.levelSets[1].datum = 'DVR90')).map((p) => p.code)).toEqual(['datum-mismatch']);
  });

  it('refuses duplicate ids, a rule for an unlisted hazard and a compound rule leaving above entering', () => {
    const problems = problemsOf((d) => {
      d.levelSets.push({ ...d.levelSets[1] });
      d.rules.push({ ...d.rules[3] });
      d.rules[4].hazard = 'cloudburst';
      d.rules[2].spec.seaLevelLeaveM = 1.1;
    });
    expect(problems.map((p) => [p.code, p.path])).toEqual(
      expect.arrayContaining([
        ['duplicate-id', 'levelSets'],
        ['duplicate-id', 'rules'],
        ['hazard-not-in-zone', 'rules.4.hazard'],
        ['leave-above-enter', 'rules.2.spec.seaLevelLeaveM'],
      ]),
    );
  });

  it('lists every problem at once, cross-checks included', () => {
    const problems = problemsOf((d) => {
      d.levelSets[0].levels[0].leave = 2;
      d.rules[0].spec.levelSetId = 'missing';
      d.nearbyDistanceM = 60_000;
    });
    expect(problems.map((p) => p.code).sort()).toEqual(['leave-above-enter', 'too_big', 'unknown-level-set']);
  });

  it('takes an update with expectedVersion, the id optional and read-only fields ignored', () => {
    const { id: _id, ...rest } = harbour();
    expect(zoneUpdateSchema.safeParse({ ...rest, expectedVersion: 3 }).success).toBe(true);
    expect(zoneUpdateSchema.safeParse({ ...harbour(), expectedVersion: 3, version: 3, validFrom: '2024-01-01T00:00:00Z', validTo: null }).success).toBe(true);
    const missing = zoneUpdateSchema.safeParse(harbour());
    expect(missing.success ? [] : zodProblems(missing.error).map((p) => p.path)).toEqual(['expectedVersion']);
    expect(zoneUpdateSchema.safeParse({ ...harbour(), expectedVersion: 0 }).success).toBe(false);
  });
});
