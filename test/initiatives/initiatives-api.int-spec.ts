// Robustness initiatives through the API on both engines: the Assens seed at start (after the zones it names; two
// instances starting together), filters, versioned edits with a change record, optimistic concurrency, every kind
// of invalid initiative refused with a 4xx and a reason leaving nothing half-written, and the October 2023 peak
// judged against the harbour's protection lines.
import { assessInitiatives, type Initiative } from '@klimavagt/domain';
import { InitiativesRepository, InitiativeUnknownZonesError, ZonesRepository } from '@klimavagt/storage';
import { createTestDatabase, RunningApi, startApi, TEST_ENGINES, TestDatabase } from '@klimavagt/test-harness';
import { ASSENS_SEED_INITIATIVES, seedAssensInitiativesIfEmpty } from '../../apps/api/src/initiatives/assens-initiatives-seed';
import { ASSENS_SEED_ZONES } from '../../apps/api/src/zones/assens-seed';

interface Answer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

type Mutable = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A planner's new initiative: a mobile flood wall along Willemoesgade. */
function floodWall(id = 'mobil-mur-willemoesgade'): Initiative {
  return {
    id,
    title: 'Mobil højvandsmur langs Willemoesgade (test)',
    hazards: ['coastal-flooding'],
    zoneIds: ['willemoesgade', 'assens-havn'],
    measureType: 'physical',
    owner: 'Assens Kommune, Vej og Park',
    status: 'planned',
    targetYear: 2027,
    liveSince: null,
    designLevel: { parameter: 'sea_level', value: 210, unit: 'cm', datum: 'DVR90', description: 'Beskytter til 2,10 m DVR90' },
    indicators: [{ name: 'Meter mobil mur', unit: 'm', baseline: 0, target: 350, year: 2027 }],
    source: { title: 'Test', year: 2025 },
    illustrative: false,
    notes: null,
  };
}

const ids = (list: { id: string }[]) => list.map((i) => i.id).sort();

describe.each(TEST_ENGINES)('initiatives API on %s', (engine) => {
  let t: TestDatabase;
  let api: RunningApi;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    // Two API instances starting together find the tables empty; exactly one seeds.
    api = await startApi(t, { instances: 2 });
  });
  afterAll(async () => {
    await api?.close();
    await t?.close();
  });

  const call = (method: string, path: string, body?: unknown): Promise<Answer> => api.call(method, path, body);
  const count = async (table: 'initiatives' | 'initiative_changes') => Number((await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0].n);
  const counts = async () => [await count('initiatives'), await count('initiative_changes')];

  describe('the Assens seed', () => {
    it('is present after start: nine initiatives, seeded once, after the twelve zones they name', async () => {
      const { status, body } = await call('GET', '/v1/initiatives');
      expect(status).toBe(200);
      expect(ids(body)).toEqual(ASSENS_SEED_INITIATIVES.map((i) => i.id).sort());
      expect(await counts()).toEqual([9, 9]);
      const zones = (await call('GET', '/v1/zones')).body;
      expect(ids(zones)).toEqual(ASSENS_SEED_ZONES.map((z) => z.id).sort());
      const zoneIds = new Set(zones.map((z: { id: string }) => z.id));
      for (const initiative of body) {
        expect(initiative).toMatchObject({ version: 1, createdAt: expect.any(String), updatedAt: initiative.createdAt });
        expect(initiative.zoneIds.filter((z: string) => !zoneIds.has(z))).toEqual([]);
        const { version: _v, createdAt: _c, updatedAt: _u, ...document } = initiative;
        expect(document).toEqual(ASSENS_SEED_INITIATIVES.find((i) => i.id === initiative.id));
      }
      const history = await call('GET', '/v1/initiatives/klimasikring-indre-linje/history');
      expect(history.body).toMatchObject({ id: 'klimasikring-indre-linje', currentVersion: 1 });
      expect(history.body.changes).toEqual([expect.objectContaining({ version: 1, action: 'created', changedBy: 'seed', reason: expect.any(String) })]);
      expect(history.body.changes[0].changedFields).toEqual(expect.arrayContaining(['title', 'designLevel', 'zoneIds', 'source', 'illustrative']));
    });

    it('is not seeded again when initiatives exist', async () => {
      expect(await seedAssensInitiativesIfEmpty(new InitiativesRepository(t.db), new ZonesRepository(t.db))).toBe(0);
      expect(await counts()).toEqual([9, 9]);
    });

    it('answers one initiative by id, unknown ones with 404 and bad ids with 400', async () => {
      const one = await call('GET', '/v1/initiatives/forsyning-klimabassiner-tommerup');
      expect(one).toMatchObject({ status: 200, body: { id: 'forsyning-klimabassiner-tommerup', status: 'done', owner: 'Assens Forsyning', zoneIds: ['tommerup'] } });
      expect(await call('GET', '/v1/initiatives/no-such-initiative')).toMatchObject({ status: 404, body: { error: 'initiative-not-found' } });
      expect((await call('GET', '/v1/initiatives/no-such-initiative/history')).status).toBe(404);
      expect((await call('GET', `/v1/initiatives/${encodeURIComponent("x' OR '1'='1")}`)).status).toBe(400);
    });
  });

  describe('filters', () => {
    it('by zone, hazard and status, alone and together', async () => {
      const get = async (query: string) => ids((await call('GET', `/v1/initiatives?${query}`)).body);
      expect(await get('zoneId=tommerup')).toEqual([
        'forsyning-klimabassiner-tommerup',
        'forsyning-separatkloakering',
        'handleplan-2014-indsatsomraader',
        'kommuneplan-2021-kortlaegning',
      ]);
      expect(await get('zoneId=tommerup&hazard=stream-flooding')).toEqual([
        'forsyning-klimabassiner-tommerup',
        'handleplan-2014-indsatsomraader',
        'kommuneplan-2021-kortlaegning',
      ]);
      expect(await get('zoneId=tommerup&hazard=stream-flooding&status=done')).toEqual(['forsyning-klimabassiner-tommerup', 'kommuneplan-2021-kortlaegning']);
      expect(await get('status=planned')).toEqual(['klimasikring-ydre-linje']);
      expect(await get('hazard=erosion')).toEqual(['byen-og-baeltet-klitlandskab', 'kommuneplan-2021-kortlaegning']);
      expect(await get('zoneId=assens-naes&hazard=coastal-flooding')).toEqual([
        'beredskab-fyn-stormflod',
        'byen-og-baeltet-klitlandskab',
        'kommuneplan-2021-kortlaegning',
      ]);
      expect(await get('zoneId=no-such-zone')).toEqual([]);
    });

    it('refuses unknown values and parameters with 400', async () => {
      for (const query of ['hazard=tsunami', 'status=finished', 'zone=assens-havn', 'zoneId=Assens%20Havn']) {
        expect(await call('GET', `/v1/initiatives?${query}`)).toMatchObject({ status: 400, body: { error: 'invalid-request', message: expect.any(String) } });
      }
    });
  });

  describe('the 2.02 m peak of 20–21 October 2023 at Assens Havn', () => {
    it('overtops the inner protection line (1.80 m) and neither the outer line nor the plinth rule (2.50 m)', async () => {
      const covering = await call('GET', '/v1/initiatives?zoneId=assens-havn&hazard=coastal-flooding');
      expect(covering.status).toBe(200);
      const repository = await new InitiativesRepository(t.db).listCovering('assens-havn', 'coastal-flooding');
      expect(ids(repository)).toEqual(ids(covering.body));

      const result = assessInitiatives(covering.body, { zoneId: 'assens-havn', hazard: 'coastal-flooding', observedPeak: { parameter: 'sea_level', value: 2.02 } });
      expect(result.uncovered).toBe(false);
      expect(Object.fromEntries(result.covering.map((c) => [c.id, c.overtopped]))).toEqual({
        'beredskab-fyn-stormflod': null, // no design level
        'klimasikring-indre-linje': true,
        'klimasikring-sokkelkote': false,
        'klimasikring-ydre-linje': false,
        'kommuneplan-2021-kortlaegning': null,
      });
      const inner = result.covering.find((c) => c.id === 'klimasikring-indre-linje')!;
      expect(inner.designLevel).toEqual({ parameter: 'sea_level', value: 1.8, unit: 'm', datum: 'DVR90', description: expect.stringContaining('1,80 m DVR90') });

      // DMI's forecast of 1.83 m would also have overtopped the inner line; the 1.55 m of January 2019 none.
      const at = (value: number) =>
        assessInitiatives(covering.body, { zoneId: 'assens-havn', hazard: 'coastal-flooding', observedPeak: { parameter: 'sea_level', value } }).covering
          .filter((c) => c.overtopped)
          .map((c) => c.id);
      expect(at(1.83)).toEqual(['klimasikring-indre-linje']);
      expect(at(1.55)).toEqual([]);
    });

    it('finds no initiative for wind at the harbour', async () => {
      const covering = await call('GET', '/v1/initiatives?zoneId=assens-havn&hazard=wind');
      expect(covering).toMatchObject({ status: 200, body: [] });
      expect(assessInitiatives(covering.body, { zoneId: 'assens-havn', hazard: 'wind' })).toEqual({ covering: [], uncovered: true });
    });
  });

  describe('edits with a change record', () => {
    it('creates an initiative (201), refuses the same id again (409), and updates it with expectedVersion', async () => {
      const created = await call('POST', '/v1/initiatives', { ...floodWall(), reason: 'first proposal' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ ...floodWall(), version: 1 });
      expect((await call('GET', '/v1/initiatives/mobil-mur-willemoesgade')).body).toEqual(created.body);
      expect(await counts()).toEqual([10, 10]);

      const again = await call('POST', '/v1/initiatives', { ...floodWall(), title: 'Another wall' });
      expect(again).toMatchObject({ status: 409, body: { error: 'initiative-exists', id: 'mobil-mur-willemoesgade' } });
      expect(await counts()).toEqual([10, 10]);

      // A read-modify-write: the initiative as read back (version, timestamps) plus expectedVersion.
      const v1 = created.body;
      const updated = await call('PUT', '/v1/initiatives/mobil-mur-willemoesgade', {
        ...v1,
        status: 'done',
        liveSince: '2027-03-01',
        expectedVersion: 1,
        reason: 'mounted and tested',
      });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ id: 'mobil-mur-willemoesgade', version: 2, status: 'done', liveSince: '2027-03-01', createdAt: v1.createdAt });
      expect(Date.parse(updated.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(v1.updatedAt));

      const history = (await call('GET', '/v1/initiatives/mobil-mur-willemoesgade/history')).body;
      expect(history.currentVersion).toBe(2);
      expect(history.changes.map((c: Mutable) => [c.version, c.action, c.reason, c.changedFields])).toEqual([
        [1, 'created', 'first proposal', expect.arrayContaining(['title', 'status', 'liveSince', 'designLevel'])],
        [2, 'updated', 'mounted and tested', ['status', 'liveSince']],
      ]);
      expect(history.changes[1].changedAt).toBe(updated.body.updatedAt);
      expect(history.changes[0].document).toMatchObject({ status: 'planned', liveSince: null });
      expect(history.changes[1].document).toMatchObject({ status: 'done', liveSince: '2027-03-01' });

      // Now live, it is part of the harbour's assessment: 2.02 m stays below its 210 cm.
      const covering = (await call('GET', '/v1/initiatives?zoneId=assens-havn&hazard=coastal-flooding')).body;
      const wall = assessInitiatives(covering, { zoneId: 'assens-havn', hazard: 'coastal-flooding', observedPeak: { parameter: 'sea_level', value: 2.02 } })
        .covering.find((c) => c.id === 'mobil-mur-willemoesgade');
      expect(wall).toMatchObject({ status: 'done', liveSince: '2027-03-01', overtopped: false });
    });

    it('answers a stale expectedVersion with 409 and the current version, writing nothing', async () => {
      const before = await counts();
      const stale = await call('PUT', '/v1/initiatives/mobil-mur-willemoesgade', { ...floodWall(), title: 'Stale edit', expectedVersion: 1 });
      expect(stale).toMatchObject({ status: 409, body: { error: 'version-conflict', expectedVersion: 1, currentVersion: 2 } });
      expect(await counts()).toEqual(before);
      expect((await call('GET', '/v1/initiatives/mobil-mur-willemoesgade')).body).toMatchObject({ version: 2, title: floodWall().title });
    });

    it('lets exactly one of two concurrent edits of the same version through', async () => {
      const answers = await Promise.all(
        ['Mur A', 'Mur B'].map((title) => call('PUT', '/v1/initiatives/mobil-mur-willemoesgade', { ...floodWall(), status: 'done', liveSince: '2027-03-01', title, expectedVersion: 2 })),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      const history = (await call('GET', '/v1/initiatives/mobil-mur-willemoesgade/history')).body;
      expect(history.changes.map((c: Mutable) => c.version)).toEqual([1, 2, 3]);
      expect(history.changes[2].changedFields).toEqual(['title']);
    });

    it('answers unknown initiatives with 404 and a changed id with 400', async () => {
      expect(await call('PUT', '/v1/initiatives/no-such-initiative', { ...floodWall('no-such-initiative'), expectedVersion: 1 })).toMatchObject({
        status: 404,
        body: { error: 'initiative-not-found' },
      });
      const mismatch = await call('PUT', '/v1/initiatives/mobil-mur-willemoesgade', { ...floodWall('another-id'), expectedVersion: 3 });
      expect(mismatch).toMatchObject({ status: 400, body: { error: 'invalid-initiative', problems: [expect.objectContaining({ code: 'id-mismatch', path: 'id' })] } });
      expect(await call('PUT', '/v1/initiatives/mobil-mur-willemoesgade', floodWall())).toMatchObject({
        status: 400,
        body: { error: 'invalid-initiative', problems: [expect.objectContaining({ path: 'expectedVersion' })] },
      });
    });

    it('rolls an update back whole when its change record cannot be written', async () => {
      await t.db.query(`ALTER TABLE initiative_changes ADD CONSTRAINT test_refuse CHECK (reason IS DISTINCT FROM 'refused by the database')`);
      try {
        const repo = new InitiativesRepository(t.db);
        const current = (await repo.get('mobil-mur-willemoesgade'))!;
        const before = await counts();
        const { version: _v, createdAt: _c, updatedAt: _u, ...document } = current;
        await expect(repo.update({ ...document, title: 'Never stored' }, current.version, { reason: 'refused by the database' })).rejects.toThrow(/test_refuse/);
        expect(await counts()).toEqual(before);
        expect(await repo.get('mobil-mur-willemoesgade')).toEqual(current);
      } finally {
        await t.db.query('ALTER TABLE initiative_changes DROP CONSTRAINT test_refuse');
      }
    });
  });

  describe('initiatives naming zones that do not exist', () => {
    it('are refused with 422 unknown-zone naming them, on create and on update, writing nothing', async () => {
      const before = await counts();
      const created = await call('POST', '/v1/initiatives', { ...floodWall('atlantis-dige'), zoneIds: ['assens-havn', 'atlantis', 'mars-base'] });
      expect(created).toMatchObject({ status: 422, body: { error: 'unknown-zone', zoneIds: ['atlantis', 'mars-base'] } });
      expect(created.body.message).toContain('atlantis, mars-base');
      expect((await call('GET', '/v1/initiatives/atlantis-dige')).status).toBe(404);

      const updated = await call('PUT', '/v1/initiatives/mobil-mur-willemoesgade', { ...floodWall(), zoneIds: ['willemoesgade', 'atlantis'], expectedVersion: 3 });
      expect(updated).toMatchObject({ status: 422, body: { error: 'unknown-zone', zoneIds: ['atlantis'] } });
      expect((await call('GET', '/v1/initiatives/mobil-mur-willemoesgade')).body).toMatchObject({ version: 3, zoneIds: ['willemoesgade', 'assens-havn'] });
      expect(await counts()).toEqual(before);
    });

    it('refuses a retired zone as well', async () => {
      const zones = new ZonesRepository(t.db);
      const seedZone = ASSENS_SEED_ZONES.find((z) => z.id === 'willemoesgade')!;
      const zone = await zones.create({ ...seedZone, id: 'gammel-havnefront' });
      await zones.retire('gammel-havnefront', zone.version, { reason: 'test' });
      const answer = await call('POST', '/v1/initiatives', { ...floodWall('gammel-mur'), zoneIds: ['gammel-havnefront'] });
      expect(answer).toMatchObject({ status: 422, body: { error: 'unknown-zone', zoneIds: ['gammel-havnefront'] } });
    });
  });

  describe('invalid initiatives are refused with a reason, and nothing is written', () => {
    const cases: [string, (i: Mutable) => void, string][] = [
      ['an unknown hazard', (i) => (i.hazards = ['coastal-flooding', 'meteor']), 'invalid_enum_value'],
      ['no zone', (i) => (i.zoneIds = []), 'too_small'],
      ['a zone twice', (i) => (i.zoneIds = ['assens-havn', 'assens-havn']), 'duplicate'],
      ['an unknown measure type', (i) => (i.measureType = 'wishful-thinking'), 'invalid_enum_value'],
      ['an unknown status', (i) => (i.status = 'abandoned'), 'invalid_enum_value'],
      ['a live date on a planned initiative', (i) => (i.liveSince = '2024-01-01'), 'live-but-planned'],
      ['a live date that does not exist', (i) => ((i.status = 'done'), (i.liveSince = '2023-02-30')), 'custom'],
      ['a sea level design level without DVR90', (i) => (i.designLevel.datum = 'none'), 'datum-mismatch'],
      ['a design level in feet', (i) => (i.designLevel.unit = 'ft'), 'unit-not-accepted'],
      ['cm written as m', (i) => (i.designLevel.unit = 'm'), 'out-of-range'],
      ['a missing source', (i) => delete i.source, 'invalid_type'],
      ['an unknown field', (i) => (i.priority = 'high'), 'unrecognized_keys'],
    ];

    it.each(cases)('%s', async (_what, spoil, code) => {
      const initiative = structuredClone(floodWall('afvist')) as Mutable;
      spoil(initiative);
      const before = await counts();
      const created = await call('POST', '/v1/initiatives', initiative);
      expect(created.status).toBe(400);
      expect(created.body).toMatchObject({ error: 'invalid-initiative', message: expect.any(String) });
      expect(created.body.problems).toEqual(expect.arrayContaining([expect.objectContaining({ code, message: expect.any(String) })]));
      // The same document as an edit of an existing initiative is refused the same way.
      const updated = await call('PUT', '/v1/initiatives/mobil-mur-willemoesgade', { ...initiative, id: 'mobil-mur-willemoesgade', expectedVersion: 3 });
      expect(updated.status).toBe(400);
      expect(updated.body.problems).toEqual(expect.arrayContaining([expect.objectContaining({ code })]));
      expect(await counts()).toEqual(before);
      expect((await call('GET', '/v1/initiatives/afvist')).status).toBe(404);
      expect((await call('GET', '/v1/initiatives/mobil-mur-willemoesgade')).body.version).toBe(3);
    });

    it('lists every problem of a document at once', async () => {
      const initiative = structuredClone(floodWall('afvist')) as Mutable;
      initiative.hazards = ['meteor'];
      initiative.liveSince = '2024-01-01';
      initiative.designLevel.value = 2100;
      initiative.targetYear = 2030.5;
      const answer = await call('POST', '/v1/initiatives', initiative);
      expect(answer.status).toBe(400);
      expect(answer.body.problems.map((p: { path: string }) => p.path).sort()).toEqual(['designLevel.value', 'hazards.0', 'liveSince', 'targetYear']);
      for (const path of ['designLevel.value', 'hazards.0', 'liveSince', 'targetYear']) expect(answer.body.message).toContain(path);
    });

    it('answers malformed JSON and a body that is not an object with 400', async () => {
      const response = await fetch(`${api.url}/v1/initiatives`, { method: 'POST', body: '{"id": ', headers: { 'content-type': 'application/json' } });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'malformed-json' });
      expect(await call('POST', '/v1/initiatives', [floodWall('afvist')])).toMatchObject({ status: 400, body: { error: 'invalid-initiative' } });
    });
  });

  describe('seeding into a database whose zones lack the seed zones', () => {
    it('refuses the whole seed, naming the missing zones, and writes nothing', async () => {
      await t.db.query('DELETE FROM initiative_changes');
      await t.db.query('DELETE FROM initiatives');
      const zones = new ZonesRepository(t.db);
      await zones.retire('flemloese', (await zones.get('flemloese'))!.version, { reason: 'test' });
      const initiatives = new InitiativesRepository(t.db);
      const seeding = seedAssensInitiativesIfEmpty(initiatives, zones);
      await expect(seeding).rejects.toBeInstanceOf(InitiativeUnknownZonesError);
      await expect(seeding).rejects.toMatchObject({ zoneIds: ['flemloese'] });
      expect(await counts()).toEqual([0, 0]);
      expect(await initiatives.isEmpty()).toBe(true);
    });
  });
});
