// Zones through the API on both engines: the Assens seed at start (two instances starting together), versioned
// edits with history and as-of reads, optimistic concurrency, and every kind of invalid zone refused with a 4xx
// and a reason, leaving nothing half-written.
import type { Position, ZoneGeometry } from '@klimavagt/domain';
import { ZoneDocument, ZonesRepository } from '@klimavagt/storage';
import { createTestDatabase, RunningApi, startApi, TEST_ENGINES, TestDatabase } from '@klimavagt/test-harness';
import { seedAssensZonesIfEmpty } from '../../apps/api/src/zones/assens-seed';

const MIN = 60_000;

interface Answer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A small counter-clockwise rectangle; [lon, lat] corners. */
function rectangle(w: number, s: number, e: number, n: number): ZoneGeometry {
  return { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] };
}

/** A planner's zone on the Assens waterfront: today's levels and the 2050 set beside them. */
function waterfront(id = 'havnefronten'): Omit<ZoneDocument, 'id'> & { id: string } {
  return {
    id,
    name: 'Havnefronten, Assens (test)',
    illustrative: false,
    hazards: ['coastal-flooding'],
    owner: 'Assens Kommune',
    geometry: rectangle(9.887, 55.267, 9.892, 55.27),
    representativeStationIds: ['9020201'],
    nearbyDistanceM: 1500,
    levelSets: [
      {
        id: 'today',
        name: 'I dag',
        version: 1,
        datum: 'DVR90',
        scenario: 'today',
        levels: [
          { severity: 'yellow', enter: 1.0, leave: 0.95, label: 'Vand på kajerne' },
          { severity: 'orange', enter: 1.25, leave: 1.2, label: 'Nordre Havnevej og Krabbeløkkevej lukket' },
          { severity: 'red', enter: 1.51, leave: 1.45, label: 'Kritisk' },
        ],
      },
    ],
    rules: [
      { id: 'vandstand', hazard: 'coastal-flooding', spec: { kind: 'threshold', parameter: 'sea_level', levelSetId: 'today', minDurationMs: 10 * MIN }, enabled: true },
      { id: 'tavs', hazard: 'coastal-flooding', spec: { kind: 'stale', maxSilenceMs: 60 * MIN }, enabled: true },
    ],
  };
}

/** A ring of `n` corners (plus the closing position) around Assens harbour. */
function circle(n: number, radiusDeg = 0.005): ZoneGeometry {
  const ring: Position[] = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    ring.push([9.89 + radiusDeg * Math.cos(a), 55.27 + radiusDeg * Math.sin(a)]);
  }
  return { type: 'Polygon', coordinates: [[...ring, ring[0]]] };
}

describe.each(TEST_ENGINES)('zones API on %s', (engine) => {
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
  const rows = async () => Number((await t.db.query<{ n: string }>('SELECT count(*) AS n FROM zone_versions'))[0].n);

  describe('the Assens seed', () => {
    it('is present after start: twelve illustrative zones, seeded once, with the brief’s stations', async () => {
      const { status, body } = await call('GET', '/v1/zones');
      expect(status).toBe(200);
      expect(body).toHaveLength(12);
      expect(await rows()).toBe(12);
      for (const zone of body) {
        expect(zone).toMatchObject({ illustrative: true, owner: 'Assens Kommune', version: 1, validTo: null });
        expect(zone.name).toContain('illustrativ afgrænsning');
      }
      expect(body.map((z: { id: string }) => z.id)).toEqual(
        expect.arrayContaining(['assens-havn', 'nordre-havnevej', 'willemoesgade', 'assens-naes', 'kaerum-aa-udloeb', 'helnaes-daemning', 'brunshuse', 'toroe-huse', 'glamsbjerg', 'tommerup', 'gummerup-koeng', 'flemloese']),
      );
      const stations = await call('GET', '/v1/stations');
      expect(stations.body.map((s: { id: string }) => s.id)).toEqual(
        expect.arrayContaining(['06123', '06126', '06120', '9020201', '9020301', '9020101', '9020401', '23293', '28234', '28548']),
      );
      expect(stations.body.find((s: { id: string }) => s.id === '9020201')).toMatchObject({ name: 'Assens Havn I', owner: 'Kystdirektoratet', providerParameters: ['sea_reg'] });
    });

    it('is not seeded again when zones exist', async () => {
      expect(await seedAssensZonesIfEmpty(new ZonesRepository(t.db))).toBe(0);
      expect(await rows()).toBe(12);
    });

    it('filters current zones by hazard and answers the harbour with the brief’s levels', async () => {
      const rain = await call('GET', '/v1/zones?hazard=cloudburst');
      expect(rain.body.map((z: { id: string }) => z.id).sort()).toEqual(['flemloese', 'glamsbjerg', 'gummerup-koeng', 'tommerup']);
      expect((await call('GET', '/v1/zones?hazard=coastal-flooding')).body).toHaveLength(8);
      expect((await call('GET', '/v1/zones?hazard=tsunami')).status).toBe(400);
      const harbour = await call('GET', '/v1/zones/assens-havn');
      expect(harbour.status).toBe(200);
      expect(harbour.body.representativeStationIds).toContain('9020201');
      expect(harbour.body.levelSets.map((s: { id: string }) => s.id)).toEqual(['today', '2050-rcp45', 'vind']);
    });
  });

  describe('edits with history', () => {
    it('creates, updates and retires a zone; history and as-of reads show what was valid when', async () => {
      const created = await call('POST', '/v1/zones', { ...waterfront(), reason: 'first drawing' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ id: 'havnefronten', version: 1, validTo: null });
      const v1 = created.body;
      expect((await call('GET', '/v1/zones/havnefronten')).body).toEqual(v1);

      // The planner widens the zone and keeps the 2050 set beside today's, with a rule to compare against it.
      const edited = waterfront();
      edited.geometry = rectangle(9.886, 55.266, 9.894, 55.271);
      edited.levelSets.push({
        id: '2050-rcp45',
        name: '2050 (illustrativ)',
        version: 1,
        datum: 'DVR90',
        scenario: '2050 RCP4.5 (+0.30 m)',
        levels: [
          { severity: 'yellow', enter: 1.3, leave: 1.25, label: 'Vand på kajerne (2050)' },
          { severity: 'orange', enter: 1.55, leave: 1.5, label: 'Havnevejene lukket (2050)' },
          { severity: 'red', enter: 1.81, leave: 1.75, label: 'Kritisk (2050)' },
        ],
      });
      edited.rules.push({ id: 'vandstand-2050', hazard: 'coastal-flooding', spec: { kind: 'threshold', parameter: 'sea_level', levelSetId: '2050-rcp45', minDurationMs: 10 * MIN }, enabled: false });
      // A read-modify-write: the zone as read back (version, validity) plus expectedVersion.
      const updated = await call('PUT', '/v1/zones/havnefronten', { ...v1, ...edited, expectedVersion: 1, reason: 'widened; 2050 set added' });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ id: 'havnefronten', version: 2, validTo: null, geometry: edited.geometry });
      const v2 = updated.body;
      expect(v2.levelSets.map((s: { id: string }) => s.id)).toEqual(['today', '2050-rcp45']);

      const history = await call('GET', '/v1/zones/havnefronten/history');
      expect(history.status).toBe(200);
      expect(history.body).toMatchObject({ id: 'havnefronten', currentVersion: 2, retired: false });
      expect(history.body.versions.map((v: { version: number; validFrom: string; validTo: string | null; reason: string }) => [v.version, v.validFrom, v.validTo, v.reason])).toEqual([
        [1, v1.validFrom, v2.validFrom, 'first drawing'],
        [2, v2.validFrom, null, 'widened; 2050 set added'],
      ]);

      const atV1 = await call('GET', `/v1/zones/havnefronten?at=${encodeURIComponent(v1.validFrom)}`);
      expect(atV1.body).toMatchObject({ version: 1, geometry: v1.geometry, validTo: v2.validFrom });
      expect(atV1.body.levelSets).toHaveLength(1);
      const atV2 = await call('GET', `/v1/zones/havnefronten?at=${encodeURIComponent(v2.validFrom)}`);
      expect(atV2.body).toMatchObject({ version: 2, geometry: edited.geometry });
      const before = await call('GET', `/v1/zones/havnefronten?at=2020-01-01T00:00:00Z`);
      expect(before).toMatchObject({ status: 404, body: { error: 'zone-not-valid-then' } });
      expect((await call('GET', '/v1/zones/havnefronten?at=yesterday')).status).toBe(400);

      // Retire: the zone leaves the current list, its history and past stay answerable.
      expect((await call('DELETE', '/v1/zones/havnefronten')).status).toBe(400); // expectedVersion is required
      const retired = await call('DELETE', '/v1/zones/havnefronten?expectedVersion=2&reason=merged%20into%20assens-havn');
      expect(retired.status).toBe(200);
      expect(retired.body).toMatchObject({ version: 2, retireReason: 'merged into assens-havn' });
      expect(retired.body.validTo).not.toBeNull();
      expect(await call('GET', '/v1/zones/havnefronten')).toMatchObject({ status: 404, body: { error: 'zone-retired' } });
      expect((await call('GET', '/v1/zones')).body.map((z: { id: string }) => z.id)).not.toContain('havnefronten');
      expect((await call('GET', '/v1/zones/havnefronten/history')).body).toMatchObject({ currentVersion: null, retired: true });
      expect((await call('GET', `/v1/zones/havnefronten?at=${encodeURIComponent(v2.validFrom)}`)).body).toMatchObject({ version: 2 });
      expect(await call('PUT', '/v1/zones/havnefronten', { ...edited, expectedVersion: 2 })).toMatchObject({ status: 404, body: { error: 'zone-retired' } });
      expect(await call('POST', '/v1/zones', waterfront())).toMatchObject({ status: 409, body: { error: 'zone-exists' } });
      expect(await rows()).toBe(14);
    });

    it('answers a stale expectedVersion with 409 and the current version, writing nothing', async () => {
      expect((await call('POST', '/v1/zones', waterfront('kogehusmolen'))).status).toBe(201);
      expect((await call('PUT', '/v1/zones/kogehusmolen', { ...waterfront('kogehusmolen'), expectedVersion: 1 })).status).toBe(200);
      const count = await rows();
      const stale = await call('PUT', '/v1/zones/kogehusmolen', { ...waterfront('kogehusmolen'), name: 'Kogehusmolen', expectedVersion: 1 });
      expect(stale).toMatchObject({ status: 409, body: { error: 'version-conflict', expectedVersion: 1, currentVersion: 2 } });
      expect(await call('DELETE', '/v1/zones/kogehusmolen?expectedVersion=1')).toMatchObject({ status: 409, body: { error: 'version-conflict' } });
      expect(await rows()).toBe(count);
      expect((await call('GET', '/v1/zones/kogehusmolen')).body).toMatchObject({ version: 2, name: 'Havnefronten, Assens (test)' });
    });

    it('lets exactly one of two concurrent edits of the same version through', async () => {
      const answers = await Promise.all(
        ['Værftet A', 'Værftet B'].map((name) => call('PUT', '/v1/zones/kogehusmolen', { ...waterfront('kogehusmolen'), name, expectedVersion: 2 })),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      const history = (await call('GET', '/v1/zones/kogehusmolen/history')).body;
      expect(history.versions.map((v: { version: number; validTo: string | null }) => [v.version, v.validTo === null])).toEqual([
        [1, false],
        [2, false],
        [3, true],
      ]);
    });

    it('answers unknown zones with 404 and bad ids with 400', async () => {
      expect(await call('GET', '/v1/zones/no-such-zone')).toMatchObject({ status: 404, body: { error: 'zone-not-found' } });
      expect((await call('GET', '/v1/zones/no-such-zone/history')).status).toBe(404);
      expect((await call('PUT', '/v1/zones/no-such-zone', { ...waterfront('no-such-zone'), expectedVersion: 1 })).status).toBe(404);
      expect((await call('DELETE', '/v1/zones/no-such-zone?expectedVersion=1')).status).toBe(404);
      expect((await call('GET', `/v1/zones/${encodeURIComponent("x' OR '1'='1")}`)).status).toBe(400);
      const mismatch = await call('PUT', '/v1/zones/kogehusmolen', { ...waterfront('another-id'), expectedVersion: 3 });
      expect(mismatch).toMatchObject({ status: 400, body: { error: 'invalid-zone' } });
    });

    it('rolls an update back whole when its new version cannot be written', async () => {
      await t.db.query(`ALTER TABLE zone_versions ADD CONSTRAINT test_refuse CHECK (document ->> 'name' <> 'refused by the database')`);
      try {
        const repo = new ZonesRepository(t.db);
        const current = (await repo.get('kogehusmolen'))!;
        const count = await rows();
        await expect(repo.update({ ...waterfront('kogehusmolen'), name: 'refused by the database' }, current.version)).rejects.toThrow(/test_refuse/);
        expect(await rows()).toBe(count);
        expect(await repo.get('kogehusmolen')).toEqual(current); // still current: the close was rolled back
      } finally {
        await t.db.query('ALTER TABLE zone_versions DROP CONSTRAINT test_refuse');
      }
    });
  });

  describe('invalid zones are refused with a reason, and nothing is written', () => {
    const assens: Position[] = [
      [9.887, 55.267],
      [9.892, 55.267],
      [9.892, 55.27],
      [9.887, 55.27],
    ];
    const cases: [string, (z: ReturnType<typeof waterfront>) => void, number, string][] = [
      ['a ring that is not closed', (z) => (z.geometry = { type: 'Polygon', coordinates: [assens] }), 422, 'ring-not-closed'],
      ['a ring of fewer than 4 positions', (z) => (z.geometry = { type: 'Polygon', coordinates: [[assens[0], assens[1], assens[0]]] }), 422, 'too-few-positions'],
      [
        'a self-intersecting ring (bow-tie)',
        (z) => (z.geometry = { type: 'Polygon', coordinates: [[assens[0], assens[2], assens[1], assens[3], assens[0]]] }),
        422,
        'self-intersection',
      ],
      ['coordinates out of range', (z) => (z.geometry = rectangle(189.887, 55.267, 189.892, 55.27)), 422, 'coordinate-out-of-range'],
      ['too many vertices', (z) => (z.geometry = circle(5_001)), 422, 'too-many-vertices'],
      ['a zone too large', (z) => (z.geometry = rectangle(9.7, 55.0, 10.8, 55.6)), 422, 'too-large'],
      ['latitude and longitude swapped', (z) => (z.geometry = { type: 'Polygon', coordinates: [[...assens, assens[0]].map(([lon, lat]): Position => [lat, lon]).reverse()] }), 422, 'lat-lon-swapped'],
      ['a level set with leave above enter', (z) => (z.levelSets[0].levels[1].leave = 1.3), 400, 'leave-above-enter'],
      ['a rule referring to a missing level set', (z) => (z.rules[0].spec = { ...z.rules[0].spec, levelSetId: '2050-rcp85' } as never), 400, 'unknown-level-set'],
      ['an unknown hazard', (z) => (z.hazards = ['coastal-flooding', 'meteor' as never]), 400, 'invalid_enum_value'],
    ];

    it.each(cases)('%s', async (_what, spoil, status, code) => {
      const zone = waterfront('afvist');
      spoil(zone);
      const before = await rows();
      const created = await call('POST', '/v1/zones', zone);
      expect(created.status).toBe(status);
      expect(created.body).toMatchObject({ error: status === 400 ? 'invalid-zone' : 'invalid-geometry' });
      expect(created.body.problems).toEqual(expect.arrayContaining([expect.objectContaining({ code, message: expect.any(String) })]));
      expect(created.body.message).toEqual(expect.any(String));
      // The same document as an edit of an existing zone is refused the same way.
      const updated = await call('PUT', '/v1/zones/kogehusmolen', { ...zone, id: 'kogehusmolen', expectedVersion: 3 });
      expect(updated.status).toBe(status);
      expect(await rows()).toBe(before);
      expect((await call('GET', '/v1/zones/afvist')).status).toBe(404);
      expect((await call('GET', '/v1/zones/kogehusmolen')).body.version).toBe(3);
    });

    it('lists every problem of a document at once', async () => {
      const zone = waterfront('afvist');
      zone.levelSets[0].levels[0].leave = 2;
      zone.rules[0].spec = { ...zone.rules[0].spec, levelSetId: 'missing' } as never;
      zone.nearbyDistanceM = 60_000;
      const answer = await call('POST', '/v1/zones', zone);
      expect(answer.status).toBe(400);
      expect(answer.body.problems.map((p: { path: string }) => p.path).sort()).toEqual(['levelSets.0.levels.0.leave', 'nearbyDistanceM', 'rules.0.spec.levelSetId']);
    });

    it('answers malformed JSON with 400', async () => {
      const response = await fetch(`${api.url}/v1/zones`, { method: 'POST', body: '{"id": ', headers: { 'content-type': 'application/json' } });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'malformed-json' });
    });
  });
});
