// Test fixture (used by the evaluation specs only): the 2023 storm as three live feeds would have published it —
// oceanObs and metObs windows with their per-station progress, DKSS runs with theirs — with a 2 h gauge gap, an
// in-window corrected re-send and a late correction, and four zones around Assens that judge it.
import type { Observation } from '../observations/observation';
import type { LevelSet, ZoneRule } from '../rules/rule-spec';
import { stormflod2023 } from '../scenarios/stormflod-2023';
import type { Zone } from '../zones/zone';
import type { StationProgress } from './station-progress';

const MIN = 60_000;
const HOUR = 60 * MIN;
export const ASSENS = '9020201';
export const FAABORG = '9020301';
export const WEATHER = '06123';

/** Faaborg's gauge sends nothing in [GAP_FROM, GAP_TO) while its feed goes on. */
export const GAP_FROM = '2023-10-20T22:00:00.000Z';
export const GAP_TO = '2023-10-21T00:00:00.000Z';
/** Assens at 02:00 first arrives as a bad 0.90 m, re-sent corrected (2.00 m) in the same window. */
export const SUPERSEDED_AT = '2023-10-21T02:00:00.000Z';
/** The cloudburst's 16:10 value is corrected (5.6 → 20 mm) in the next metObs window, after its own was complete. */
export const LATE_CORRECTION_AT = '2023-10-20T16:10:00.000Z';

export type FeedRecord =
  | { topic: 'observations'; key: string; value: Observation | StationProgress }
  | { topic: 'forecasts'; key: string; value: { stationId: string; collection: string; runTime: string; fetchedAt: string; gridPoint: [number, number]; points: { at: string; levelM: number }[] } | StationProgress };

/** How a feed lists one window's values: DMI answers station after station, in either time order. */
export type WindowOrder = 'station-after-station' | 'station-after-station-descending' | 'time-ordered';

const iso = (ms: number) => new Date(ms).toISOString();

function progress(stationId: string, feed: StationProgress['feed'], completeUpTo: number): StationProgress {
  return { kind: 'station-progress', stationId, feed, completeUpTo: iso(completeUpTo), announcedAt: iso(completeUpTo + 2 * MIN) };
}

function ordered(values: Observation[], order: WindowOrder): Observation[] {
  const byTime = (a: Observation, b: Observation) => Date.parse(a.observedAt) - Date.parse(b.observedAt);
  if (order === 'time-ordered') return [...values].sort(byTime);
  const stations = [...new Set(values.map((v) => v.stationId))].sort();
  return stations.flatMap((s) => {
    const series = values.filter((v) => v.stationId === s).sort(byTime);
    return order === 'station-after-station-descending' ? series.reverse() : series;
  });
}

/** One observation feed window by window: its values (in `order`), then each of its stations vouched complete. */
function observationFeed(
  values: Observation[],
  stations: string[],
  feed: StationProgress['feed'],
  windowMs: number,
  order: WindowOrder,
  extras: (windowEnd: number) => Observation[],
): FeedRecord[] {
  const start = Math.min(...values.map((v) => Date.parse(v.observedAt)));
  const end = Math.max(...values.map((v) => Date.parse(v.observedAt))) + 1;
  const out: FeedRecord[] = [];
  for (let from = start; from < end; from += windowMs) {
    const to = from + windowMs;
    const inWindow = values.filter((v) => Date.parse(v.observedAt) >= from && Date.parse(v.observedAt) < to);
    for (const v of [...ordered(inWindow, order), ...extras(to)]) out.push({ topic: 'observations', key: v.stationId, value: v });
    for (const s of stations) out.push({ topic: 'observations', key: s, value: progress(s, feed, to) });
  }
  return out;
}

export interface StormFeeds {
  oceanObs: FeedRecord[];
  metObs: FeedRecord[];
  dkss: FeedRecord[];
}

/** The storm as published by the feeds; `order` is how each window lists its values. */
export function stormFeeds(order: WindowOrder): StormFeeds {
  const scenario = stormflod2023();
  const start = Date.parse('2023-10-20T10:00:00Z');
  const end = Date.parse('2023-10-21T12:00:00Z');
  const inSpan = scenario.observations.filter((o) => Date.parse(o.observedAt) >= start && Date.parse(o.observedAt) < end);
  const asFeed = (o: Observation, source: Observation['source']): Observation => ({ ...o, source, createdAt: iso(Date.parse(o.observedAt) + 3 * MIN), receivedAt: iso(Date.parse(o.observedAt) + 5 * MIN) });

  const ocean = inSpan
    .filter((o) => o.parameter === 'sea_level')
    .filter((o) => !(o.stationId === FAABORG && o.observedAt >= GAP_FROM && o.observedAt < GAP_TO))
    .map((o) => asFeed(o, 'dmi-oceanobs'));
  // The bad first reading comes first; its correction later in the same window (an interrupted window re-read).
  const superseded = ocean.findIndex((o) => o.stationId === ASSENS && o.observedAt === SUPERSEDED_AT);
  const good = ocean[superseded];
  ocean[superseded] = { ...good, value: 0.9 };
  const correctionIn = (windowEnd: number) =>
    windowEnd - 30 * MIN <= Date.parse(SUPERSEDED_AT) && Date.parse(SUPERSEDED_AT) < windowEnd
      ? [{ ...good, value: 2.0, createdAt: iso(Date.parse(SUPERSEDED_AT) + 20 * MIN) }]
      : [];

  const met = inSpan.filter((o) => o.stationId === WEATHER && o.parameter !== 'wind_max').map((o) => asFeed(o, 'dmi-metobs'));
  const burst = met.find((o) => o.parameter === 'precip_past10min' && o.observedAt === LATE_CORRECTION_AT)!;
  // 20-minute windows: the 16:10 value's window ends 16:20; its correction comes with the [16:20, 16:40) window.
  const lateCorrection = (windowEnd: number) =>
    windowEnd === Date.parse('2023-10-20T16:40:00Z') ? [{ ...burst, value: 20, createdAt: iso(Date.parse('2023-10-20T16:35:00Z')) }] : [];

  const dkss: FeedRecord[] = [];
  // The forecast feed polls hourly; a run is fetched (available) 3 hours after its nominal time.
  const runs = scenario.forecasts.filter((f) => Date.parse(f.runTime) + 3 * HOUR < end);
  for (let poll = start; poll < end; poll += HOUR) {
    for (const run of runs.filter((r) => Date.parse(r.runTime) + 3 * HOUR === poll)) {
      dkss.push({ topic: 'forecasts', key: run.stationId, value: { ...run, fetchedAt: iso(poll) } });
    }
    dkss.push({ topic: 'forecasts', key: ASSENS, value: progress(ASSENS, 'dmi-dkss', poll + 1) });
  }
  return {
    oceanObs: observationFeed(ocean, [ASSENS, FAABORG], 'dmi-oceanobs', 30 * MIN, order, correctionIn),
    metObs: observationFeed(met, [WEATHER], 'dmi-metobs', 20 * MIN, order, lateCorrection),
    dkss,
  };
}

const seaLevels: LevelSet = {
  id: 'today',
  name: 'Vandstand i dag',
  version: 1,
  datum: 'DVR90',
  scenario: 'today',
  levels: [
    { severity: 'yellow', enter: 1.0, leave: 0.95, label: 'Vand på kajerne' },
    { severity: 'orange', enter: 1.25, leave: 1.2, label: 'Nordre Havnevej lukkes' },
    { severity: 'red', enter: 1.51, leave: 1.45, label: 'Kritisk' },
  ],
};
const skybrud: LevelSet = {
  id: 'skybrud',
  name: 'Skybrud',
  version: 1,
  datum: 'none',
  scenario: 'today',
  levels: [
    { severity: 'yellow', enter: 15, leave: 12, label: 'Skybrud' },
    { severity: 'orange', enter: 30, leave: 25, label: 'Dobbelt skybrud' },
    { severity: 'red', enter: 45, leave: 40, label: 'Tredobbelt skybrud' },
  ],
};

const stale: ZoneRule = { id: 'maaler-tavs', hazard: 'coastal-flooding', spec: { kind: 'stale', maxSilenceMs: HOUR }, enabled: true };
const vandstand: ZoneRule = { id: 'vandstand', hazard: 'coastal-flooding', spec: { kind: 'threshold', parameter: 'sea_level', levelSetId: 'today', minDurationMs: 10 * MIN }, enabled: true };

function zone(id: string, stations: string[], rules: ZoneRule[], levelSets: LevelSet[]): Zone {
  return {
    id,
    name: id,
    illustrative: true,
    hazards: [...new Set(rules.map((r) => r.hazard))],
    owner: 'test',
    geometry: { type: 'Polygon', coordinates: [[[9.88, 55.26], [9.9, 55.26], [9.9, 55.28], [9.88, 55.26]]] },
    representativeStationIds: stations,
    nearbyDistanceM: 0,
    levelSets,
    rules,
    version: 1,
    validFrom: '2020-01-01T00:00:00.000Z',
    validTo: null,
  };
}

export const STORM_ZONES: Zone[] = [
  zone('assens-havn', [ASSENS, WEATHER], [
    vandstand,
    { id: 'dkss-prognose', hazard: 'coastal-flooding', spec: { kind: 'forecast', levelSetId: 'today', horizonMs: 12 * HOUR }, enabled: true },
    { id: 'hoejvande-paalandsvind', hazard: 'coastal-flooding', spec: { kind: 'compound', seaLevelEnterM: 1.25, seaLevelLeaveM: 1.2, windFromDeg: 45, windToDeg: 135, minWindSpeedMs: 10, severity: 'orange' }, enabled: true },
    stale,
  ], [seaLevels]),
  // Two gauges, both must agree: Faaborg's gap leaves too few voters.
  zone('helnaes', [ASSENS, FAABORG], [{ ...vandstand, quorum: { k: 2 } }, stale], [seaLevels]),
  zone('faaborg-side', [FAABORG], [vandstand, stale], [seaLevels]),
  zone('glamsbjerg', [WEATHER], [
    { id: 'skybrud', hazard: 'cloudburst', spec: { kind: 'accumulation', parameter: 'precip_past10min', windowMs: 30 * MIN, levelSetId: 'skybrud' }, enabled: true },
    { ...stale, hazard: 'cloudburst' },
  ], [skybrud]),
];

const PARAMETERS: Record<string, string[]> = { [ASSENS]: ['sea_level'], [FAABORG]: ['sea_level'], [WEATHER]: ['wind_speed', 'wind_dir', 'precip_past10min'] };

export const zonesJudgedBy = (stationId: string): Zone[] => STORM_ZONES.filter((z) => z.representativeStationIds.includes(stationId));

export function expectedStations(zone: Zone, rule: ZoneRule): string[] {
  const parameter = 'parameter' in rule.spec ? rule.spec.parameter : undefined;
  return zone.representativeStationIds.filter((s) => parameter === undefined || PARAMETERS[s].includes(parameter));
}
