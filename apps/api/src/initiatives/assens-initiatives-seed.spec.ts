import { assessInitiatives } from '@klimavagt/domain';
import { ASSENS_SEED_ZONES } from '../zones/assens-seed';
import { ASSENS_SEED_INITIATIVES } from './assens-initiatives-seed';
import { initiativeDocumentSchema, zodProblems } from './initiative.schema';

const byId = new Map(ASSENS_SEED_INITIATIVES.map((i) => [i.id, i]));

describe('Assens seed initiatives', () => {
  it('are nine, with unique ids, each with a source', () => {
    expect(ASSENS_SEED_INITIATIVES).toHaveLength(9);
    expect(byId.size).toBe(9);
    for (const i of ASSENS_SEED_INITIATIVES) expect(i.source.title.length).toBeGreaterThan(0);
  });

  it.each(ASSENS_SEED_INITIATIVES.map((i) => [i.id, i] as const))('%s passes the initiative schema unchanged', (_id, initiative) => {
    const parsed = initiativeDocumentSchema.safeParse(initiative);
    expect(parsed.success ? [] : zodProblems(parsed.error)).toEqual([]);
    expect(parsed.success && parsed.data).toEqual(initiative);
  });

  it('name only seed zones, and every seed zone is covered by some initiative', () => {
    const zones = new Set(ASSENS_SEED_ZONES.map((z) => z.id));
    for (const i of ASSENS_SEED_INITIATIVES) expect(i.zoneIds.filter((z) => !zones.has(z))).toEqual([]);
    const covered = new Set(ASSENS_SEED_INITIATIVES.flatMap((i) => i.zoneIds));
    expect([...zones].filter((z) => !covered.has(z))).toEqual([]);
  });

  it('say what they infer: every illustrative one has notes', () => {
    for (const i of ASSENS_SEED_INITIATIVES.filter((x) => x.illustrative)) expect(i.notes).toEqual(expect.any(String));
    expect(byId.get('beredskab-fyn-stormflod')).toMatchObject({ illustrative: true, measureType: 'emergency', owner: 'Beredskab Fyn' });
  });

  it('carry the Klimasikringsplan 2018 levels: inner 1.80 m, outer 2.50 m (expandable to 3.50 m), plinth 2.50 m', () => {
    const level = (id: string) => byId.get(id)!.designLevel;
    expect(level('klimasikring-indre-linje')).toMatchObject({ parameter: 'sea_level', value: 1.8, unit: 'm', datum: 'DVR90' });
    expect(level('klimasikring-ydre-linje')).toMatchObject({ parameter: 'sea_level', value: 2.5, unit: 'm', datum: 'DVR90' });
    expect(level('klimasikring-ydre-linje')!.description).toContain('3,50 m');
    expect(byId.get('klimasikring-sokkelkote')).toMatchObject({ measureType: 'planning', designLevel: { value: 2.5 } });
    for (const id of ['klimasikring-indre-linje', 'klimasikring-ydre-linje', 'klimasikring-sokkelkote']) {
      expect(byId.get(id)!.source).toEqual({ title: 'Klimasikringsplan for Assens by og havn', year: 2018 });
    }
  });

  it('tie the utility, study and action-plan initiatives to their places', () => {
    expect(byId.get('forsyning-klimabassiner-tommerup')).toMatchObject({ zoneIds: ['tommerup'], status: 'done', owner: 'Assens Forsyning', measureType: 'physical' });
    expect(byId.get('forsyning-separatkloakering')!.indicators).toEqual([{ name: 'Andel husstande med separatkloak', unit: '%', baseline: null, target: 75, year: null }]);
    expect(byId.get('byen-og-baeltet-klitlandskab')).toMatchObject({ zoneIds: ['assens-naes'], measureType: 'knowledge', source: { year: 2019 } });
    expect(byId.get('handleplan-2014-indsatsomraader')!.zoneIds.sort()).toEqual(['flemloese', 'glamsbjerg', 'gummerup-koeng', 'tommerup']);
  });

  it('at the 2.02 m peak of October 2023 in the harbour: the inner line is overtopped, the outer line and the plinth rule are not', () => {
    const result = assessInitiatives(ASSENS_SEED_INITIATIVES, { zoneId: 'assens-havn', hazard: 'coastal-flooding', observedPeak: { parameter: 'sea_level', value: 2.02 } });
    expect(result.uncovered).toBe(false);
    expect(Object.fromEntries(result.covering.map((c) => [c.id, c.overtopped]))).toEqual({
      'beredskab-fyn-stormflod': null,
      'klimasikring-indre-linje': true,
      'klimasikring-sokkelkote': false,
      'klimasikring-ydre-linje': false,
      'kommuneplan-2021-kortlaegning': null,
    });
  });

  it('leave wind at the harbour and groundwater in Glamsbjerg uncovered', () => {
    expect(assessInitiatives(ASSENS_SEED_INITIATIVES, { zoneId: 'assens-havn', hazard: 'wind' })).toEqual({ covering: [], uncovered: true });
    expect(assessInitiatives(ASSENS_SEED_INITIATIVES, { zoneId: 'glamsbjerg', hazard: 'groundwater' })).toEqual({ covering: [], uncovered: true });
    expect(assessInitiatives(ASSENS_SEED_INITIATIVES, { zoneId: 'toroe-huse', hazard: 'coastal-flooding' }).covering.map((c) => c.id)).toEqual(['kommuneplan-2021-kortlaegning']);
  });
});
