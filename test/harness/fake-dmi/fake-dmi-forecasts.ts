// The fake's EDR side: DKSS forecasts per grid point and model run, answered like DMI's forecastedr API.
import { Answer, errorBody, instancesBody, json, seaLevelCoverage } from './fake-dmi-bodies';
import { FakeDmiBadRequest, inTime, parseDatetime, parsePointCoords } from './fake-dmi-query';
import { FakeDkssCollection, FakeForecastRun, StoredForecast } from './fake-dmi-types';

const SEA_LEVEL_PARAMETER = 'sea-mean-deviation';
const DKSS_COLLECTIONS: ReadonlySet<string> = new Set(['dkss_lb', 'dkss_idw', 'dkss_nsbs']);

type Query = (name: string) => string | undefined;

export class FakeForecastStore {
  private forecasts: StoredForecast[] = [];

  /** A later call for the same collection, point and run replaces the earlier one. */
  set(collection: FakeDkssCollection, lon: number, lat: number, run: FakeForecastRun): void {
    const runTime = run.runTime ?? null;
    const instanceId = runTime === null ? 'latest' : instanceIdOf(runTime);
    this.forecasts = this.forecasts.filter(
      (f) => !(f.collection === collection && f.lon === lon && f.lat === lat && f.instanceId === instanceId),
    );
    this.forecasts.push({ collection, lon, lat, instanceId, runTime, points: run.points });
  }

  /** `/collections/{c}/position` (latest run) or `/collections/{c}/instances/{id}/position` (that run). */
  position(collection: string, instanceId: string | undefined, q: Query): Answer {
    if (!DKSS_COLLECTIONS.has(collection))
      return json(404, errorBody(404, `Unknown collection ${collection}`));
    const [lon, lat] = parsePointCoords(q('coords'));
    const crs = q('crs');
    if (crs !== undefined && crs.toLowerCase() !== 'crs84')
      throw new FakeDmiBadRequest(`Unsupported crs: ${crs}`);
    const names = (q('parameter-name') ?? SEA_LEVEL_PARAMETER).split(',');
    const unknown = names.filter((name) => name !== SEA_LEVEL_PARAMETER);
    if (unknown.length) throw new FakeDmiBadRequest(`Unknown parameter-name: ${unknown.join(',')}`);
    const time = parseDatetime(q('datetime'));
    const runId =
      instanceId === undefined ? this.latestInstanceId(collection) : decodeURIComponent(instanceId);
    const candidates = this.forecasts.filter((f) => f.collection === collection && f.instanceId === runId);
    if (candidates.length === 0)
      return json(404, errorBody(404, `No data for ${collection} instance ${runId}`));
    // DMI answers from the model grid point nearest to the requested coordinates.
    const distance = (f: StoredForecast) => (f.lon - lon) ** 2 + (f.lat - lat) ** 2;
    const nearest = candidates.reduce((best, f) => (distance(f) < distance(best) ? f : best));
    const points = nearest.points.filter((p) => inTime(time, p.at));
    const body = JSON.stringify(seaLevelCoverage(nearest, points, SEA_LEVEL_PARAMETER));
    return json(200, body, 'application/prs.coverage+json');
  }

  /** `/collections/{c}/instances`: runs registered with a run time, oldest first. */
  instances(collection: string, selfUrl: string): Answer {
    if (!DKSS_COLLECTIONS.has(collection))
      return json(404, errorBody(404, `Unknown collection ${collection}`));
    const byRun = new Map<string, StoredForecast[]>();
    for (const f of this.forecasts.filter((f) => f.collection === collection && f.runTime !== null)) {
      byRun.set(f.instanceId, [...(byRun.get(f.instanceId) ?? []), f]);
    }
    const runs = [...byRun.values()].sort((a, b) => a[0].instanceId.localeCompare(b[0].instanceId));
    return json(200, JSON.stringify(instancesBody(selfUrl, runs)));
  }

  /** Newest run by run time; forecasts registered without a run time count as the oldest. */
  private latestInstanceId(collection: string): string | undefined {
    const own = this.forecasts.filter((f) => f.collection === collection);
    const timed = own.filter((f) => f.runTime !== null).sort((a, b) => b.runTime!.localeCompare(a.runTime!));
    return timed[0]?.instanceId ?? own[0]?.instanceId;
  }
}

/** "2023-10-20T12:00:00Z" → "2023-10-20T120000Z", DMI's instance id form. */
function instanceIdOf(runTime: string): string {
  const iso = new Date(Date.parse(runTime)).toISOString();
  return `${iso.slice(0, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}
