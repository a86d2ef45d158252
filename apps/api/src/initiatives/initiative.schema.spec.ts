import type { Initiative } from '@klimavagt/domain';
import { initiativeDocumentSchema, initiativeListQuery, initiativeProblems, initiativeUpdateSchema, zodProblems } from './initiative.schema';

function innerLine(): Initiative {
  return {
    id: 'indre-linje',
    title: 'Indre beskyttelseslinje (1,80 m DVR90)',
    hazards: ['coastal-flooding'],
    zoneIds: ['assens-havn', 'willemoesgade'],
    measureType: 'physical',
    owner: 'Assens Kommune',
    status: 'in-progress',
    targetYear: 2030,
    liveSince: null,
    designLevel: { parameter: 'sea_level', value: 1.8, unit: 'm', datum: 'DVR90', description: 'Beskytter til 1,80 m DVR90' },
    indicators: [{ name: 'Meter dige', unit: 'm', baseline: 0, target: 1200, year: 2030 }],
    source: { title: 'Klimasikringsplan for Assens by og havn', year: 2018, url: 'https://www.assens.dk/klima' },
    illustrative: true,
    notes: null,
  };
}

type Mutable = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function problemsOf(mutate: (doc: Mutable) => void) {
  const doc = structuredClone(innerLine()) as Mutable;
  mutate(doc);
  const parsed = initiativeDocumentSchema.safeParse(doc);
  return parsed.success ? [] : zodProblems(parsed.error);
}

describe('initiative document schema', () => {
  it('accepts a coherent initiative, unchanged', () => {
    const parsed = initiativeDocumentSchema.parse(innerLine());
    expect(parsed).toEqual(innerLine());
  });

  it('defaults missing indicators to none and missing notes to null', () => {
    const { indicators: _i, notes: _n, ...rest } = innerLine();
    expect(initiativeDocumentSchema.parse(rest)).toMatchObject({ indicators: [], notes: null });
  });

  it('accepts a design level in cm and an initiative without one', () => {
    expect(problemsOf((d) => (d.designLevel = { ...d.designLevel, value: 180, unit: 'cm' }))).toEqual([]);
    expect(problemsOf((d) => (d.designLevel = null))).toEqual([]);
    expect(problemsOf((d) => (d.designLevel = { parameter: 'precip_past10min', value: 15, unit: 'mm', datum: 'none', description: 'skybrud' }))).toEqual([]);
  });

  it.each<[string, (d: Mutable) => void, string, string]>([
    ['an id with capitals', (d) => (d.id = 'Indre-Linje'), 'id', 'invalid_string'],
    ['an empty title', (d) => (d.title = '  '), 'title', 'too_small'],
    ['no hazard', (d) => (d.hazards = []), 'hazards', 'too_small'],
    ['an unknown hazard', (d) => (d.hazards = ['meteor']), 'hazards.0', 'invalid_enum_value'],
    ['a hazard twice', (d) => (d.hazards = ['coastal-flooding', 'coastal-flooding']), 'hazards', 'duplicate'],
    ['no zone', (d) => (d.zoneIds = []), 'zoneIds', 'too_small'],
    ['a zone twice', (d) => (d.zoneIds = ['assens-havn', 'assens-havn']), 'zoneIds', 'duplicate'],
    ['a malformed zone id', (d) => (d.zoneIds = ['Assens Havn']), 'zoneIds.0', 'invalid_string'],
    ['an unknown measure type', (d) => (d.measureType = 'prayer'), 'measureType', 'invalid_enum_value'],
    ['an unknown status', (d) => (d.status = 'abandoned'), 'status', 'invalid_enum_value'],
    ['a fractional target year', (d) => (d.targetYear = 2030.5), 'targetYear', 'invalid_type'],
    ['a target year far off', (d) => (d.targetYear = 3000), 'targetYear', 'too_big'],
    ['a live date that is not a date', (d) => (d.liveSince = '16/12/2020'), 'liveSince', 'invalid_string'],
    ['a live date that does not exist', (d) => (d.liveSince = '2023-02-30'), 'liveSince', 'custom'],
    ['a live date on a planned initiative', (d) => ((d.status = 'planned'), (d.liveSince = '2020-12-16')), 'liveSince', 'live-but-planned'],
    ['a design level in an unknown parameter', (d) => (d.designLevel.parameter = 'tide'), 'designLevel.parameter', 'invalid_enum_value'],
    ['a design level in feet', (d) => (d.designLevel.unit = 'ft'), 'designLevel.unit', 'unit-not-accepted'],
    ['a sea level without DVR90', (d) => (d.designLevel.datum = 'none'), 'designLevel.datum', 'datum-mismatch'],
    ['rain with a DVR90 datum', (d) => (d.designLevel = { parameter: 'precip_past10min', value: 15, unit: 'mm', datum: 'DVR90', description: 'x' }), 'designLevel.datum', 'datum-mismatch'],
    ['a level in cm written as m', (d) => (d.designLevel.value = 180), 'designLevel.value', 'out-of-range'],
    ['a design level without a description', (d) => delete d.designLevel.description, 'designLevel.description', 'invalid_type'],
    ['an indicator twice', (d) => d.indicators.push({ ...d.indicators[0] }), 'indicators', 'duplicate'],
    ['an indicator with a text target', (d) => (d.indicators[0].target = '75 %'), 'indicators.0.target', 'invalid_type'],
    ['a source without a title', (d) => (d.source = { year: 2018 }), 'source.title', 'invalid_type'],
    ['a source URL that is not http', (d) => (d.source.url = 'javascript:alert(1)'), 'source.url', 'custom'],
    ['a missing illustrative flag', (d) => delete d.illustrative, 'illustrative', 'invalid_type'],
    ['an unknown field', (d) => (d.priority = 'high'), '', 'unrecognized_keys'],
    ['a version (the server assigns it)', (d) => (d.version = 3), '', 'unrecognized_keys'],
  ])('refuses %s', (_what, mutate, path, code) => {
    expect(problemsOf(mutate)).toEqual(expect.arrayContaining([expect.objectContaining({ code, message: expect.any(String), ...(path ? { path } : {}) })]));
  });

  it('lists every problem at once, the cross-checks too when a field is malformed', () => {
    const doc = structuredClone(innerLine()) as Mutable;
    doc.hazards = ['meteor', 'meteor'];
    doc.status = 'planned';
    doc.liveSince = '2020-12-16';
    doc.designLevel.value = 180;
    doc.zoneIds = ['assens-havn', 'assens-havn'];
    const checked = initiativeProblems(initiativeDocumentSchema, doc);
    expect(checked.ok).toBe(false);
    const problems = checked.ok ? [] : checked.problems;
    expect(problems.map((p) => `${p.path} ${p.code}`).sort()).toEqual([
      'designLevel.value out-of-range',
      'hazards duplicate',
      'hazards.0 invalid_enum_value',
      'hazards.1 invalid_enum_value',
      'liveSince live-but-planned',
      'zoneIds duplicate',
    ]);
    // zod alone stops before the cross-checks when a field is malformed
    expect(problemsOf((d) => ((d.hazards = ['meteor']), (d.status = 'planned'), (d.liveSince = '2020-12-16'))).map((p) => p.path)).toEqual(['hazards.0']);
  });

  it('reports a cross-check once when zod ran it as well', () => {
    const doc = { ...innerLine(), zoneIds: ['assens-havn', 'assens-havn'] };
    const checked = initiativeProblems(initiativeDocumentSchema, doc);
    expect(checked.ok ? [] : checked.problems).toEqual([{ code: 'duplicate', path: 'zoneIds', message: 'zone assens-havn is listed twice' }]);
    expect(initiativeProblems(initiativeDocumentSchema, innerLine())).toEqual({ ok: true, data: innerLine() });
  });
});

describe('initiative update schema', () => {
  it('needs expectedVersion and accepts the read-only fields of an initiative read back', () => {
    const doc = { ...innerLine(), version: 2, createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-02-01T00:00:00.000Z' };
    const missing = initiativeUpdateSchema.safeParse(doc);
    expect(missing.success ? [] : zodProblems(missing.error)).toEqual([expect.objectContaining({ path: 'expectedVersion', message: expect.stringContaining('required') })]);
    expect(initiativeUpdateSchema.safeParse({ ...doc, expectedVersion: 2 }).success).toBe(true);
    const { id: _id, ...withoutId } = doc;
    expect(initiativeUpdateSchema.safeParse({ ...withoutId, expectedVersion: 2 }).success).toBe(true);
    expect(initiativeUpdateSchema.safeParse({ ...doc, expectedVersion: 0 }).success).toBe(false);
  });
});

describe('initiative list query', () => {
  it('takes zoneId, hazard and status and nothing else', () => {
    expect(initiativeListQuery.parse({ zoneId: 'assens-havn', hazard: 'coastal-flooding', status: 'done' })).toEqual({ zoneId: 'assens-havn', hazard: 'coastal-flooding', status: 'done' });
    expect(initiativeListQuery.safeParse({ hazard: 'tsunami' }).success).toBe(false);
    expect(initiativeListQuery.safeParse({ status: 'finished' }).success).toBe(false);
    expect(initiativeListQuery.safeParse({ zone: 'assens-havn' }).success).toBe(false);
  });
});
