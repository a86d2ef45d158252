import { assessInitiatives, canonicalDesignValue, type DesignLevel, type Initiative } from './initiative';

function initiative(id: string, over: Partial<Initiative> = {}): Initiative {
  return {
    id,
    title: id,
    hazards: ['coastal-flooding'],
    zoneIds: ['assens-havn'],
    measureType: 'physical',
    owner: 'Assens Kommune',
    status: 'planned',
    targetYear: null,
    liveSince: null,
    designLevel: null,
    indicators: [],
    source: { title: 'Klimasikringsplan', year: 2018 },
    illustrative: true,
    notes: null,
    ...over,
  };
}

const seaLevel = (value: number, unit = 'm'): DesignLevel => ({ parameter: 'sea_level', value, unit, datum: 'DVR90', description: `protects to ${value} ${unit} DVR90` });

const inner = initiative('indre-linje', { designLevel: seaLevel(1.8) });
const outer = initiative('ydre-linje', { designLevel: seaLevel(2.5) });
const sandbags = initiative('sandsaekke', { measureType: 'emergency', owner: 'Beredskab Fyn', zoneIds: ['assens-havn', 'assens-naes'] });
const basins = initiative('bassiner', { hazards: ['cloudburst', 'stream-flooding'], zoneIds: ['tommerup'], status: 'done' });
const all = [inner, outer, sandbags, basins];

describe('assessInitiatives', () => {
  it('overtops the 1.80 m inner line and not the 2.50 m outer line at the 2.02 m peak of October 2023', () => {
    const result = assessInitiatives(all, { zoneId: 'assens-havn', hazard: 'coastal-flooding', observedPeak: { parameter: 'sea_level', value: 2.02 } });
    expect(result.uncovered).toBe(false);
    expect(result.covering.map((c) => [c.id, c.overtopped])).toEqual([
      ['indre-linje', true],
      ['ydre-linje', false],
      ['sandsaekke', null], // no design level: cannot be overtopped
    ]);
    expect(result.covering[0]).toEqual({ id: 'indre-linje', title: 'indre-linje', status: 'planned', liveSince: null, designLevel: inner.designLevel, overtopped: true });
  });

  it('holds a peak exactly at the design level and overtops one just above it', () => {
    const at = assessInitiatives([inner], { zoneId: 'assens-havn', hazard: 'coastal-flooding', observedPeak: { parameter: 'sea_level', value: 1.8 } });
    expect(at.covering[0].overtopped).toBe(false);
    const above = assessInitiatives([inner], { zoneId: 'assens-havn', hazard: 'coastal-flooding', observedPeak: { parameter: 'sea_level', value: 1.81 } });
    expect(above.covering[0].overtopped).toBe(true);
  });

  it('compares a design level given in cm with a peak in metres', () => {
    const inCm = initiative('cm', { designLevel: seaLevel(180, 'cm') });
    const result = assessInitiatives([inCm], { zoneId: 'assens-havn', hazard: 'coastal-flooding', observedPeak: { parameter: 'sea_level', value: 2.02 } });
    expect(result.covering[0].overtopped).toBe(true);
    expect(canonicalDesignValue(seaLevel(180, 'cm'))).toBe(1.8);
  });

  it('says null when there is no peak, or the peak is of another parameter', () => {
    expect(assessInitiatives(all, { zoneId: 'assens-havn', hazard: 'coastal-flooding' }).covering.map((c) => c.overtopped)).toEqual([null, null, null]);
    const rain = assessInitiatives(all, { zoneId: 'assens-havn', hazard: 'coastal-flooding', observedPeak: { parameter: 'precip_past10min', value: 40 } });
    expect(rain.covering.map((c) => c.overtopped)).toEqual([null, null, null]);
  });

  it('says null for a design level it cannot compare: unknown unit, wrong datum, not a number', () => {
    const peak = { parameter: 'sea_level' as const, value: 3 };
    for (const designLevel of [seaLevel(1.8, 'ft'), { ...seaLevel(1.8), datum: 'none' as const }, seaLevel(Number.NaN)]) {
      const result = assessInitiatives([initiative('x', { designLevel })], { zoneId: 'assens-havn', hazard: 'coastal-flooding', observedPeak: peak });
      expect(result.covering[0].overtopped).toBeNull();
    }
    expect(canonicalDesignValue({ parameter: 'precip_past10min', value: 15, unit: 'mm', datum: 'DVR90', description: '' })).toBeNull();
    expect(canonicalDesignValue({ parameter: 'precip_past10min', value: 15, unit: 'mm', datum: 'none', description: '' })).toBe(15);
  });

  it('covers only the zones and hazards an initiative lists', () => {
    expect(assessInitiatives(all, { zoneId: 'assens-naes', hazard: 'coastal-flooding' }).covering.map((c) => c.id)).toEqual(['sandsaekke']);
    expect(assessInitiatives(all, { zoneId: 'tommerup', hazard: 'stream-flooding' }).covering.map((c) => c.id)).toEqual(['bassiner']);
    expect(assessInitiatives(all, { zoneId: 'tommerup', hazard: 'coastal-flooding' })).toEqual({ covering: [], uncovered: true });
    expect(assessInitiatives(all, { zoneId: 'assens-havn', hazard: 'cloudburst' })).toEqual({ covering: [], uncovered: true });
    expect(assessInitiatives([], { zoneId: 'glamsbjerg', hazard: 'cloudburst' })).toEqual({ covering: [], uncovered: true });
  });

  it('counts planned and done initiatives alike, and reports their status and live date for the caller to weigh', () => {
    const live = initiative('live', { status: 'done', liveSince: '2021-06-01', designLevel: seaLevel(1.5) });
    const result = assessInitiatives([live, inner], { zoneId: 'assens-havn', hazard: 'coastal-flooding', observedPeak: { parameter: 'sea_level', value: 1.6 } });
    expect(result.covering.map((c) => [c.id, c.status, c.liveSince, c.overtopped])).toEqual([
      ['live', 'done', '2021-06-01', true],
      ['indre-linje', 'planned', null, false],
    ]);
  });
});
