// Tests the coverage-gap report on alerts whose coverage the real assessment produced.
import { alertCoverage, type EpisodePeak } from '../alerts/alert-coverage';
import type { DesignLevel, Initiative } from '../initiatives/initiative';
import type { Hazard, Severity } from '../zones/hazard';
import { coverageGaps, type CoverageGapAlert, type CoverageGapZone } from './coverage-gaps';

function initiative(id: string, over: Partial<Initiative> = {}): Initiative {
  return {
    id,
    title: `Title of ${id}`,
    hazards: ['coastal-flooding'],
    zoneIds: ['assens-havn'],
    measureType: 'physical',
    owner: 'Assens Kommune',
    status: 'done',
    targetYear: null,
    liveSince: '2020-01-01',
    designLevel: null,
    indicators: [],
    source: { title: 'Klimasikringsplan', year: 2018 },
    illustrative: true,
    notes: null,
    ...over,
  };
}

const seaLevel = (value: number, unit = 'm'): DesignLevel => ({
  parameter: 'sea_level',
  value,
  unit,
  datum: 'DVR90',
  description: `protects to ${value} ${unit} DVR90`,
});
const observed = (value: number, observedAt: string): EpisodePeak => ({
  parameter: 'sea_level',
  value,
  observedAt,
  forecast: false,
});

const zones: CoverageGapZone[] = [
  { id: 'assens-havn', name: 'Assens Havn', hazards: ['coastal-flooding'] },
  { id: 'assens-by', name: 'Assens by', hazards: ['coastal-flooding'] },
  { id: 'tommerup', name: 'Tommerup', hazards: ['cloudburst'] },
  { id: 'haarby', name: 'Haarby', hazards: ['stream-flooding'] },
];
const inner = initiative('indre-linje', { designLevel: seaLevel(180, 'cm') });
const outer = initiative('ydre-linje', { designLevel: seaLevel(2.5) });
const sandbags = initiative('sandsaekke', { measureType: 'emergency', status: 'planned', liveSince: null });
const dike = initiative('dige-assens-by', { zoneIds: ['assens-by'], designLevel: seaLevel(2.5) });
const initiatives = [inner, outer, sandbags, dike];

function alert(
  zoneId: string,
  hazard: Hazard,
  peakSeverity: Severity,
  openedAt: string,
  peak: EpisodePeak | null = null,
): CoverageGapAlert {
  return {
    zoneId,
    hazard,
    severity: peakSeverity,
    peakSeverity,
    openedAt,
    coverage: alertCoverage({ zoneId, hazard }, initiatives, peak),
  };
}

describe('coverageGaps', () => {
  it('reports a protection overtopped, with every covering initiative, its design level in m and whether it held', () => {
    const alerts = [
      alert(
        'assens-havn',
        'coastal-flooding',
        'orange',
        '2023-02-01T10:00:00Z',
        observed(1.6, '2023-02-01T11:00:00Z'),
      ),
      alert(
        'assens-havn',
        'coastal-flooding',
        'red',
        '2023-10-20T18:00:00Z',
        observed(2.02, '2023-10-20T22:10:00Z'),
      ),
    ];
    expect(coverageGaps({ zones, alerts, initiatives })).toEqual([
      {
        zoneId: 'assens-havn',
        zoneName: 'Assens Havn',
        hazard: 'coastal-flooding',
        reason: 'overtopped',
        worstSeverity: 'red',
        alerts: 1, // the February alert stayed below the inner line
        lastAlertAt: '2023-10-20T18:00:00Z',
        peak: { valueM: 2.02, at: '2023-10-20T22:10:00Z' },
        initiatives: [
          { id: 'indre-linje', title: 'Title of indre-linje', designLevelM: 1.8, overtopped: true },
          { id: 'ydre-linje', title: 'Title of ydre-linje', designLevelM: 2.5, overtopped: false },
          { id: 'sandsaekke', title: 'Title of sandsaekke', designLevelM: null, overtopped: null },
        ],
      },
    ]);
  });

  it('reports a zone at high risk that no initiative covers, counting the alerts that reached the threshold', () => {
    const alerts = [
      alert('tommerup', 'cloudburst', 'orange', '2022-08-15T14:00:00Z'),
      alert('tommerup', 'cloudburst', 'yellow', '2023-07-01T09:00:00Z'), // below: not counted, though latest
      alert('tommerup', 'cloudburst', 'red', '2023-06-20T16:30:00Z'),
    ];
    expect(coverageGaps({ zones, alerts, initiatives })).toEqual([
      {
        zoneId: 'tommerup',
        zoneName: 'Tommerup',
        hazard: 'cloudburst',
        reason: 'no-initiative',
        worstSeverity: 'red',
        alerts: 2,
        lastAlertAt: '2023-06-20T16:30:00Z',
        peak: null, // rainfall has no level peak
        initiatives: [],
      },
    ]);
  });

  it('leaves out zones whose alerts stayed below the threshold, unless the threshold is lowered', () => {
    const alerts = [alert('haarby', 'stream-flooding', 'yellow', '2023-01-05T00:00:00Z')];
    expect(coverageGaps({ zones, alerts, initiatives })).toEqual([]);
    expect(coverageGaps({ zones, alerts, initiatives, minSeverity: 'yellow' })).toMatchObject([
      { zoneId: 'haarby', reason: 'no-initiative', worstSeverity: 'yellow', alerts: 1 },
    ]);
    expect(
      coverageGaps({
        zones,
        alerts: [alert('tommerup', 'cloudburst', 'orange', '2023-01-05T00:00:00Z')],
        initiatives,
        minSeverity: 'red',
      }),
    ).toEqual([]);
  });

  it('leaves out a covered zone whose protection held', () => {
    const alerts = [
      alert(
        'assens-by',
        'coastal-flooding',
        'red',
        '2023-10-20T18:00:00Z',
        observed(2.02, '2023-10-20T22:10:00Z'),
      ),
    ];
    expect(alerts[0].coverage).toMatchObject({ uncovered: false, overtopped: false });
    expect(coverageGaps({ zones, alerts, initiatives })).toEqual([]);
  });

  it('does not take a forecast of overtopping for an observed one', () => {
    const forecast: EpisodePeak = {
      parameter: 'sea_level',
      value: 2.2,
      observedAt: '2023-10-21T02:00:00Z',
      forecast: true,
    };
    const alerts = [alert('assens-havn', 'coastal-flooding', 'red', '2023-10-20T18:00:00Z', forecast)];
    expect(alerts[0].coverage.overtopped).toBe(true);
    expect(coverageGaps({ zones, alerts, initiatives })).toEqual([]);
  });

  it('reports a gap once the initiative that covered it at the time is gone', () => {
    const alerts = [
      alert(
        'assens-by',
        'coastal-flooding',
        'orange',
        '2023-10-20T18:00:00Z',
        observed(1.9, '2023-10-20T22:00:00Z'),
      ),
    ];
    const gaps = coverageGaps({ zones, alerts, initiatives: [inner] });
    expect(gaps).toMatchObject([
      { zoneId: 'assens-by', reason: 'no-initiative', peak: { valueM: 1.9, at: '2023-10-20T22:00:00Z' } },
    ]);
  });

  it('leaves out alerts for zones outside the report', () => {
    const alerts = [alert('faaborg', 'coastal-flooding', 'red', '2023-10-20T18:00:00Z')];
    expect(coverageGaps({ zones, alerts, initiatives })).toEqual([]);
  });

  it('sorts red first, then by zone id', () => {
    const alerts = [
      alert('tommerup', 'cloudburst', 'orange', '2023-06-20T16:30:00Z'),
      alert('haarby', 'stream-flooding', 'orange', '2023-06-20T16:30:00Z'),
      alert(
        'assens-havn',
        'coastal-flooding',
        'red',
        '2023-10-20T18:00:00Z',
        observed(2.02, '2023-10-20T22:10:00Z'),
      ),
    ];
    expect(
      coverageGaps({ zones, alerts, initiatives }).map((g) => [g.worstSeverity, g.zoneId, g.reason]),
    ).toEqual([
      ['red', 'assens-havn', 'overtopped'],
      ['orange', 'haarby', 'no-initiative'],
      ['orange', 'tommerup', 'no-initiative'],
    ]);
  });

  it('reports nothing without alerts', () => {
    expect(coverageGaps({ zones, alerts: [], initiatives })).toEqual([]);
  });
});
