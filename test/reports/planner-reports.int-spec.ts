// Planners' reports on the replayed 2023 storm, against figures computed here from the scenario itself: the
// harbour's hours above each level, the annual maximum, the coverage gaps, an initiative's effect; CSV and GeoJSON.
import { stormflod2023 } from '@klimavagt/domain';
import { replayedStorm, type ReplayedStorm } from '@klimavagt/test-harness';

const HARBOUR_GAUGE = '9020201';
const TEN_MIN_H = 10 / 60;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the API's JSON as the test reads it
type Json = any;

describe("planners' reports on the replayed 2023 storm", () => {
  let storm: ReplayedStorm;
  const harbour = stormflod2023().observations.filter((o) => o.stationId === HARBOUR_GAUGE && o.parameter === 'sea_level');
  const hoursAtOrAbove = (level: number) => Math.round(harbour.filter((o) => o.value >= level).length * TEN_MIN_H * 100) / 100;

  beforeAll(async () => {
    storm = await replayedStorm();
    // The recorder has stored the whole curve.
    const { expectEventually } = await import('@klimavagt/test-harness');
    await expectEventually(async () => {
      const answer = await storm.api.call('GET', `/v1/observations/series?stationId=${HARBOUR_GAUGE}&parameter=sea_level&from=2023-10-19T00:00:00Z&to=2023-10-23T00:00:00Z&limit=100000`);
      expect(answer.body.points).toHaveLength(harbour.length);
    }, { timeoutMs: 60_000 });
  }, 240_000);

  afterAll(async () => {
    await storm?.close();
  });

  it("gives the harbour zone's hours above 1.00, 1.25 and 1.51 m in 2023, its episodes, and its highest level and when", async () => {
    const answer = await storm.api.call('GET', '/v1/reports/zones/assens-havn/exceedance');
    expect(answer.status).toBe(200);
    const report: Json = answer.body;
    expect(report).toMatchObject({ zoneId: 'assens-havn', stationId: HARBOUR_GAUGE, parameter: 'sea_level', levelSet: { id: 'today', datum: 'DVR90' } });
    expect(report.years.map((y: Json) => y.year)).toEqual([2023]);
    const [year] = report.years;
    expect(year.max).toEqual({ valueM: 2.02, at: '2023-10-21T02:40:00.000Z' });
    const byLevel = new Map((year.levels as Json[]).map((l) => [l.valueM, l]));
    expect(byLevel.get(1.25).hoursAbove).toBe(hoursAtOrAbove(1.25));
    expect(byLevel.get(1.0).hoursAbove).toBe(hoursAtOrAbove(1.0));
    expect(byLevel.get(1.51).hoursAbove).toBe(hoursAtOrAbove(1.51));
    expect(byLevel.get(1.25).hoursAbove).toBeGreaterThan(0);
    expect(byLevel.get(1.25).episodes).toBe(1);
    // The same report with the 2050 level set (+0.30 m): fewer hours above its orange.
    const in2050 = await storm.api.call('GET', '/v1/reports/zones/assens-havn/exceedance?levelSetId=2050-rcp45');
    expect((in2050.body.years[0].levels as Json[]).find((l) => l.severity === 'orange').hoursAbove).toBe(hoursAtOrAbove(1.55));
  });

  it('exports the exceedance report as CSV (UTF-8 with BOM, a row per year and level)', async () => {
    const response = await fetch(`${storm.api.url}/v1/reports/zones/assens-havn/exceedance?format=csv&lang=en`);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toContain('exceedance-assens-havn.csv');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('zone,station,year,severity,level (m),meaning,episodes,hours above,longest episode (hours),first,last,year maximum (m),time of maximum');
    expect(lines).toHaveLength(1 + 3);
    expect(lines.find((l) => l.includes(',orange,'))).toContain(`,${hoursAtOrAbove(1.25)},`);
    // Danish headers by default.
    const danish = Buffer.from(await (await fetch(`${storm.api.url}/v1/reports/zones/assens-havn/exceedance?format=csv`)).arrayBuffer()).subarray(3).toString('utf8');
    expect(danish.split('\r\n')[0]).toBe('zone,målestation,år,niveau,niveau (m),betydning,hændelser,timer over,længste hændelse (timer),først,sidst,årets maksimum (m),tidspunkt for maksimum');
  });

  it("serves a gauge's series bucketed, with the thresholds of a zone it judges", async () => {
    const answer = await storm.api.call('GET', `/v1/observations/series?stationId=${HARBOUR_GAUGE}&parameter=sea_level&from=2023-10-20T00:00:00Z&to=2023-10-22T00:00:00Z&resolution=hour&zoneId=assens-havn`);
    expect(answer.status).toBe(200);
    expect(answer.body.points.length).toBe(48);
    expect(Math.max(...(answer.body.points as Json[]).map((p) => p.max))).toBe(2.02);
    const today = (answer.body.thresholds as Json[]).find((l) => l.id === 'today');
    expect(today.levels.map((l: Json) => l.enter)).toEqual([1.0, 1.25, 1.51]);
    expect(today.datum).toBe('DVR90');
  });

  it('gives the annual maximum per gauge (2.02 m in 2023 at Assens, 2.05 m at Faaborg); one year has no trend', async () => {
    const assens = await storm.api.call('GET', `/v1/reports/annual-maxima?stationId=${HARBOUR_GAUGE}`);
    expect(assens.body.maxima).toEqual([{ year: 2023, valueM: 2.02, at: '2023-10-21T00:00:00.000Z' }]);
    expect(assens.body.trend).toBeNull();
    const faaborg = await storm.api.call('GET', '/v1/reports/annual-maxima?stationId=9020301');
    expect(faaborg.body.maxima[0].valueM).toBe(2.05);
  });

  it('reports the harbour as a coverage gap: its inner protection line (1.80 m) was overtopped; also as GeoJSON', async () => {
    const gaps = await storm.api.call('GET', '/v1/reports/coverage-gaps');
    expect(gaps.status).toBe(200);
    const harbourGap = (gaps.body as Json[]).find((g) => g.zoneId === 'assens-havn' && g.reason === 'overtopped');
    expect(harbourGap).toMatchObject({ hazard: 'coastal-flooding', worstSeverity: 'red', peak: { valueM: 2.02 } });
    expect((harbourGap.initiatives as Json[]).filter((i) => i.overtopped === true).map((i) => i.designLevelM)).toContain(1.8);
    const geojson = await fetch(`${storm.api.url}/v1/reports/coverage-gaps?format=geojson`);
    expect(geojson.headers.get('content-type')).toMatch(/^application\/geo\+json/);
    const collection: Json = await geojson.json();
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features.some((f: Json) => f.properties.zoneId === 'assens-havn' && f.geometry.type.endsWith('Polygon'))).toBe(true);
  });

  it("reports an initiative's observed effect: the storm's exceedance event, before or after the date it went live", async () => {
    const initiatives: Json[] = (await storm.api.call('GET', '/v1/initiatives?zoneId=assens-havn')).body;
    const inner = initiatives.find((i) => i.designLevel?.value === 1.8);
    const answer = await storm.api.call('GET', `/v1/reports/initiatives/${inner.id}/effect`);
    expect(answer.status).toBe(200);
    const harbourZone = (answer.body.zones as Json[]).find((z) => z.zoneId === 'assens-havn');
    const events = [...harbourZone.before.events, ...harbourZone.after.events];
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ peakM: 2.02, hoursAbove: hoursAtOrAbove(1.0) });
    expect(events[0].depthAboveDesignM).toBeCloseTo(0.22, 3);
    const side = inner.liveSince && Date.parse(inner.liveSince) <= Date.parse('2023-10-20T00:00:00Z') ? 'after' : 'before';
    expect(harbourZone[side].summary.events).toBe(1);
  });

  it('refuses a report on a zone without a threshold rule, and an unknown zone, with the reason', async () => {
    expect((await storm.api.call('GET', '/v1/reports/zones/no-such-zone/exceedance')).status).toBe(404);
    const bad = await storm.api.call('GET', '/v1/reports/zones/assens-havn/exceedance?levelSetId=nope');
    expect(bad.status).toBe(422);
    expect(bad.body.error).toBe('no-threshold-rule');
    expect((await storm.api.call('GET', '/v1/reports/annual-maxima?stationId=bad%20id')).status).toBe(400);
  });
});
