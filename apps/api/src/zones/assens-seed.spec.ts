import { loadConfig } from '@klimavagt/config';
import { validateZoneGeometry } from '@klimavagt/geo';
import { ASSENS_SEED_STATIONS, ASSENS_SEED_ZONES } from './assens-seed';
import { zoneDocumentSchema, zodProblems } from './zone-document.schema';
import { zoneGeometryLimits } from './zones.service';

const limits = zoneGeometryLimits(loadConfig({}));

describe('Assens seed zones', () => {
  it('are twelve, with unique ids, all illustrative and owned by Assens Kommune', () => {
    expect(ASSENS_SEED_ZONES).toHaveLength(12);
    expect(new Set(ASSENS_SEED_ZONES.map((z) => z.id)).size).toBe(12);
    for (const zone of ASSENS_SEED_ZONES) {
      expect({ id: zone.id, illustrative: zone.illustrative, owner: zone.owner }).toEqual({ id: zone.id, illustrative: true, owner: 'Assens Kommune' });
      expect(zone.name).toContain('illustrativ afgrænsning');
    }
  });

  it.each(ASSENS_SEED_ZONES.map((z) => [z.id, z] as const))('%s passes the zone schema', (_id, zone) => {
    const parsed = zoneDocumentSchema.safeParse(zone);
    expect(parsed.success ? [] : zodProblems(parsed.error)).toEqual([]);
  });

  it.each(ASSENS_SEED_ZONES.map((z) => [z.id, z] as const))('%s has a valid, small, counter-clockwise geometry in the service area', (_id, zone) => {
    const result = validateZoneGeometry(zone.geometry, { ...limits, maxAreaKm2: 10 });
    expect(result).toEqual({ ok: true, geometry: zone.geometry }); // unchanged by rewinding: already counter-clockwise
  });

  it('judges coastal zones by the Assens gauge (and Fåborg for Helnæs and Brunshuse) with today and 2050 levels', () => {
    const coastal = ASSENS_SEED_ZONES.filter((z) => z.hazards.includes('coastal-flooding'));
    expect(coastal.map((z) => z.id).sort()).toEqual(
      ['assens-havn', 'assens-naes', 'brunshuse', 'helnaes-daemning', 'kaerum-aa-udloeb', 'nordre-havnevej', 'toroe-huse', 'willemoesgade'].sort(),
    );
    for (const zone of coastal) {
      expect(zone.representativeStationIds).toContain('9020201');
      const today = zone.levelSets.find((s) => s.id === 'today')!;
      expect(today.levels.map((l) => [l.severity, l.enter, l.leave])).toEqual([
        ['yellow', 1.0, 0.95],
        ['orange', 1.25, 1.2],
        ['red', 1.51, 1.45],
      ]);
      const future = zone.levelSets.find((s) => s.id === '2050-rcp45')!;
      expect(future.scenario).toContain('+0.30 m');
      future.levels.forEach((l, i) => expect(l.enter - today.levels[i].enter).toBeCloseTo(0.3, 9));
      expect(zone.rules.map((r) => r.spec.kind)).toEqual(expect.arrayContaining(['threshold', 'forecast', 'compound', 'stale']));
    }
    for (const id of ['helnaes-daemning', 'brunshuse']) {
      expect(coastal.find((z) => z.id === id)!.representativeStationIds).toContain('9020301');
    }
  });

  it('judges inland zones by cloudburst (15/30/45 mm in 30 min) and heavy rain (24 mm in 6 h)', () => {
    const inland = ASSENS_SEED_ZONES.filter((z) => z.hazards.includes('cloudburst'));
    expect(inland.map((z) => z.id).sort()).toEqual(['flemloese', 'glamsbjerg', 'gummerup-koeng', 'tommerup']);
    for (const zone of inland) {
      expect(zone.levelSets.find((s) => s.id === 'skybrud')!.levels.map((l) => l.enter)).toEqual([15, 30, 45]);
      expect(zone.levelSets.find((s) => s.id === 'kraftig-regn')!.levels.map((l) => l.enter)).toEqual([24]);
      expect(zone.rules.filter((r) => r.spec.kind === 'accumulation').map((r) => (r.spec as { windowMs: number }).windowMs)).toEqual([30 * 60_000, 6 * 3_600_000]);
    }
  });

  it('lists the brief’s stations with leading zeros kept, around Funen', () => {
    expect(ASSENS_SEED_STATIONS.map((s) => s.id).sort()).toEqual(['06120', '06123', '06126', '23293', '28234', '28548', '9020101', '9020201', '9020301', '9020401']);
    for (const station of ASSENS_SEED_STATIONS) {
      const [lon, lat] = station.location;
      expect({ id: station.id, around: lon > 9.5 && lon < 11 && lat > 54.7 && lat < 55.7 }).toEqual({ id: station.id, around: true });
    }
    expect(ASSENS_SEED_STATIONS.find((st) => st.id === '9020201')).toMatchObject({ owner: 'Kystdirektoratet', providerParameters: ['sea_reg'], location: [9.8897, 55.2706] });
    // Every station a seed zone names is seeded.
    const seeded = new Set(ASSENS_SEED_STATIONS.map((st) => st.id));
    expect(ASSENS_SEED_ZONES.flatMap((z) => z.representativeStationIds).filter((id) => !seeded.has(id))).toEqual([]);
  });
});
