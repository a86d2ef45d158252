// DKSS storm-surge forecast at one point from DMI's EDR `position` query, parsed out of CoverageJSON.
import { DmiJsonResponse } from './dmi-http';
import { DmiEdrInstances } from './dmi-responses';
import { datetimeInterval, dmiUrl } from './dmi-url';
import { malformed, readPointCoverage } from './response-validation';

/** DKSS storm-surge model domains: Little Belt (covers Assens), inner Danish waters, North Sea/Baltic. */
export type DkssCollection = 'dkss_lb' | 'dkss_idw' | 'dkss_nsbs';

export const SEA_LEVEL_PARAMETER = 'sea-mean-deviation';

export interface SeaLevelForecastQuery {
  collection: DkssCollection;
  lon: number;
  lat: number;
  /** RFC 3339; open-ended when omitted. */
  from?: string;
  to?: string;
  /**
   * An EDR instance id (model run, e.g. "2023-10-24T120000Z") from listForecastRuns. Without it DMI answers
   * from its latest run and does not say which one, so runTime stays null.
   */
  instanceId?: string;
}

export interface SeaLevelForecastPoint {
  /** Forecast valid time, as DMI sends it. */
  at: string;
  /** Sea level in metres, as DKSS gives it (whether its zero equals DVR90 is checked against gauges elsewhere). */
  levelM: number;
}

export interface SeaLevelForecast {
  collection: DkssCollection;
  /** [lon, lat] of the model grid point DMI used (nearest to the request), else the requested point. */
  location: [number, number];
  /** Model run time; only known when the request named an instance, DMI's answer itself never carries it. */
  runTime: string | null;
  points: SeaLevelForecastPoint[];
}

export interface ForecastRun {
  instanceId: string;
  /** The run time decoded from the instance id, or null if DMI changes its id format. */
  runTime: string | null;
}

export function seaLevelPositionUrl(baseUrl: string, query: SeaLevelForecastQuery): string {
  const collectionPath = `/v1/forecastedr/collections/${query.collection}`;
  const runPath = query.instanceId === undefined ? '' : `/instances/${encodeURIComponent(query.instanceId)}`;
  return dmiUrl(baseUrl, `${collectionPath}${runPath}/position`, {
    coords: `POINT(${query.lon} ${query.lat})`,
    crs: 'crs84',
    'parameter-name': SEA_LEVEL_PARAMETER,
    datetime: datetimeInterval(query.from, query.to),
  });
}

export function forecastInstancesUrl(baseUrl: string, collection: DkssCollection): string {
  return dmiUrl(baseUrl, `/v1/forecastedr/collections/${collection}/instances`, {});
}

/** Steps whose value is null (outside the wet model domain, or not yet computed) are skipped, not zeroed. */
export function parseSeaLevelForecast(
  response: DmiJsonResponse,
  query: SeaLevelForecastQuery,
): SeaLevelForecast {
  const coverage = readPointCoverage(response, SEA_LEVEL_PARAMETER);
  const times = coverage.domain.axes.t.values;
  const values = coverage.ranges[SEA_LEVEL_PARAMETER].values;
  const points: SeaLevelForecastPoint[] = [];
  times.forEach((at, index) => {
    const value = values[index];
    if (typeof value === 'number' && Number.isFinite(value)) points.push({ at, levelM: value });
  });
  const gridLon = coverage.domain.axes.x?.values?.[0];
  const gridLat = coverage.domain.axes.y?.values?.[0];
  const location: [number, number] =
    typeof gridLon === 'number' && typeof gridLat === 'number' ? [gridLon, gridLat] : [query.lon, query.lat];
  const runTime = query.instanceId === undefined ? null : instanceRunTime(query.instanceId);
  return { collection: query.collection, location, runTime, points };
}

export function parseForecastRuns(response: DmiJsonResponse): ForecastRun[] {
  const body = response.body as Partial<DmiEdrInstances> | null;
  if (typeof body !== 'object' || body === null || !Array.isArray(body.instances)) {
    throw malformed(response, 'instances is not an array');
  }
  return body.instances
    .filter((instance) => typeof instance?.id === 'string')
    .map((instance) => ({ instanceId: instance.id, runTime: instanceRunTime(instance.id) }));
}

/** DMI instance ids are the run time in compact form, "2023-10-24T120000Z" → "2023-10-24T12:00:00Z". */
export function instanceRunTime(instanceId: string): string | null {
  const compact = /^(\d{4}-\d{2}-\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(instanceId);
  const iso = compact ? `${compact[1]}T${compact[2]}:${compact[3]}:${compact[4]}Z` : instanceId;
  return Number.isNaN(Date.parse(iso)) || !/^\d{4}-\d{2}-\d{2}T/.test(iso) ? null : iso;
}
