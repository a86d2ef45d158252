// A local stand-in for DMI Open Data (metObs/oceanObs items, station lists, EDR forecasts), bound to 127.0.0.1.
import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import {
  Answer,
  errorBody,
  featureCollectionPage,
  json,
  observationFeature,
  stationFeature,
} from './fake-dmi-bodies';
import { FakeForecastStore } from './fake-dmi-forecasts';
import {
  FakeDmiBadRequest,
  inBbox,
  inTime,
  parseBbox,
  parseDatetime,
  parseLimit,
  parseOffset,
  parseSortDescending,
} from './fake-dmi-query';
import {
  FakeDkssCollection,
  FakeDmiApi,
  FakeForecastRun,
  FakeObservationFeature,
  FakeObservationOrder,
  FakeObservationRecord,
  FakeStationRecord,
  InjectedBehaviour,
  RecordedRequest,
} from './fake-dmi-types';

export * from './fake-dmi-types';

const OBSERVATIONS = /^\/v2\/(metObs|oceanObs)\/collections\/observation\/items$/;
const STATIONS = /^\/v2\/(metObs|oceanObs)\/collections\/station\/items$/;
const POSITION = /^\/v1\/forecastedr\/collections\/([^/]+)(?:\/instances\/([^/]+))?\/position$/;
const INSTANCES = /^\/v1\/forecastedr\/collections\/([^/]+)\/instances$/;

export class FakeDmiServer {
  /** Every request in arrival order, injected failures included. */
  readonly requests: RecordedRequest[] = [];
  private readonly observations: Record<FakeDmiApi, { feature: FakeObservationFeature; seq: number }[]> = {
    metObs: [],
    oceanObs: [],
  };
  private readonly stations: Record<FakeDmiApi, { record: FakeStationRecord; id: string }[]> = {
    metObs: [],
    oceanObs: [],
  };
  private readonly forecasts = new FakeForecastStore();
  private readonly queue: InjectedBehaviour[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private seq = 0;
  private observationOrder: FakeObservationOrder = 'time';

  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
  ) {}

  static async start(options: { port?: number; observationOrder?: FakeObservationOrder } = {}): Promise<FakeDmiServer> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve()); // loopback only, never 0.0.0.0
    });
    const { port } = server.address() as AddressInfo;
    const fake = new FakeDmiServer(server, `http://127.0.0.1:${port}`);
    if (options.observationOrder) fake.answerObservationsBy(options.observationOrder);
    server.on('request', (req, res) => void fake.handle(req, res));
    return fake;
  }

  addObservations(api: FakeDmiApi, records: (FakeObservationRecord | FakeObservationFeature)[]): void {
    for (const record of records) {
      const feature = 'properties' in record ? record : this.toFeature(api, record);
      this.observations[api].push({ feature, seq: this.seq++ });
    }
  }

  /**
   * DMI's revision of a value: each record replaces whatever the fake holds for its station, parameter and
   * observed instant (DMI then serves only the newest revision), or is added when there was none.
   */
  reviseObservations(api: FakeDmiApi, records: FakeObservationRecord[]): void {
    for (const record of records) {
      const at = Date.parse(record.observed);
      const same = ({ feature: { properties: p } }: { feature: FakeObservationFeature }) =>
        p.stationId === record.stationId && p.parameterId === record.parameterId && Date.parse(p.observed) === at;
      const replaced = this.observations[api].find(same)?.feature.geometry?.coordinates;
      const kept = this.observations[api].filter((o) => !same(o));
      this.observations[api].splice(0, this.observations[api].length, ...kept);
      this.addObservations(api, [{ ...(replaced ? { location: replaced } : {}), ...record }]);
    }
  }

  /**
   * How an observation query is ordered: `time` (the default: all stations interleaved, by observed time as
   * `sortorder` says) or `station` (station after station, ascending ids, each station's values by observed
   * time as `sortorder` says), the way DMI answers a bbox query for a window.
   */
  answerObservationsBy(order: FakeObservationOrder): void {
    this.observationOrder = order;
  }

  addStations(api: FakeDmiApi, records: FakeStationRecord[]): void {
    for (const record of records) this.stations[api].push({ record, id: record.id ?? randomUUID() });
  }

  /** Registers a DKSS forecast at a grid point; a later call for the same point and run replaces it. */
  setForecast(collection: FakeDkssCollection, lon: number, lat: number, run: FakeForecastRun): void {
    this.forecasts.set(collection, lon, lat, run);
  }

  /** The next `count` requests get `status` with DMI's error body (and Retry-After when given). */
  failNext(
    count: number,
    status: number,
    options: { retryAfterSeconds?: number; retryAfterDate?: Date } = {},
  ): void {
    const retryAfter =
      options.retryAfterSeconds !== undefined
        ? String(options.retryAfterSeconds)
        : options.retryAfterDate?.toUTCString();
    for (let i = 0; i < count; i++) this.queue.push({ kind: 'fail', status, retryAfter });
  }

  redirectNext(location: string, status = 302): void {
    this.queue.push({ kind: 'redirect', status, location });
  }

  /** The next `count` requests are answered normally, but only after `delayMs`. */
  delayNext(count: number, delayMs: number): void {
    for (let i = 0; i < count; i++) this.queue.push({ kind: 'delay', delayMs });
  }

  /** The next request gets exactly this body, e.g. a truncated JSON or an HTML error page. */
  respondRawNext(status: number, body: string, contentType = 'application/json'): void {
    this.queue.push({ kind: 'raw', status, body, contentType });
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    this.requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      url: req.url ?? '/',
    });
    const injected = this.queue.shift();
    if (injected?.kind === 'delay') await this.wait(injected.delayMs);
    let answer: Answer;
    try {
      answer = injected && injected.kind !== 'delay' ? this.injectedAnswer(injected) : this.route(req, url);
    } catch (error) {
      const status = error instanceof FakeDmiBadRequest ? 400 : 500;
      answer = json(status, errorBody(status, (error as Error).message));
    }
    if (res.destroyed || res.writableEnded) return; // the client gave up while we were delaying
    res.writeHead(answer.status, { 'Content-Type': answer.contentType, ...answer.headers });
    res.end(answer.body);
  }

  private injectedAnswer(behaviour: Exclude<InjectedBehaviour, { kind: 'delay' }>): Answer {
    if (behaviour.kind === 'redirect') {
      return { ...json(behaviour.status, ''), headers: { Location: behaviour.location } };
    }
    if (behaviour.kind === 'raw') {
      return { status: behaviour.status, body: behaviour.body, contentType: behaviour.contentType };
    }
    const message = behaviour.status === 429 ? 'Server is busy. Please try again later.' : 'Injected failure';
    const headers: Record<string, string> = behaviour.retryAfter
      ? { 'Retry-After': behaviour.retryAfter }
      : {};
    return { ...json(behaviour.status, errorBody(behaviour.status, message)), headers };
  }

  private route(req: IncomingMessage, url: URL): Answer {
    if (req.method !== 'GET') return json(405, errorBody(405, `Method ${req.method} not allowed`));
    const selfUrl = `${this.baseUrl}${url.pathname}${url.search}`;
    const q = (name: string) => url.searchParams.get(name) ?? undefined;
    let match: RegExpExecArray | null;
    if ((match = OBSERVATIONS.exec(url.pathname)))
      return this.observationItems(match[1] as FakeDmiApi, q, selfUrl);
    if ((match = STATIONS.exec(url.pathname))) return this.stationItems(match[1] as FakeDmiApi, q, selfUrl);
    if ((match = POSITION.exec(url.pathname))) return this.forecasts.position(match[1], match[2], q);
    if ((match = INSTANCES.exec(url.pathname))) return this.forecasts.instances(match[1], selfUrl);
    return json(404, errorBody(404, `No route for ${url.pathname}`));
  }

  private observationItems(api: FakeDmiApi, q: Query, selfUrl: string): Answer {
    const time = parseDatetime(q('datetime'));
    const bbox = parseBbox(q('bbox'));
    const limit = parseLimit(q('limit'));
    const offset = parseOffset(q('offset'));
    const descending = parseSortDescending(q('sortorder'));
    const stationId = q('stationId');
    const parameterId = q('parameterId');
    const matching = this.observations[api]
      .filter(
        ({ feature: { properties: p, geometry } }) =>
          (stationId === undefined || p.stationId === stationId) &&
          (parameterId === undefined || p.parameterId === parameterId) &&
          inTime(time, p.observed) &&
          inBbox(bbox, geometry?.coordinates),
      )
      .sort((a, b) => {
        const [pa, pb] = [a.feature.properties, b.feature.properties];
        const byStation = this.observationOrder === 'station' ? (pa.stationId < pb.stationId ? -1 : pa.stationId > pb.stationId ? 1 : 0) : 0;
        const byTime = Date.parse(pa.observed) - Date.parse(pb.observed);
        return byStation || (descending ? -byTime : byTime) || a.seq - b.seq;
      });
    const page = matching.slice(offset, offset + limit).map((o) => observationFeature(o.feature));
    return geoJson(featureCollectionPage(page, selfUrl, limit, offset));
  }

  private stationItems(api: FakeDmiApi, q: Query, selfUrl: string): Answer {
    const bbox = parseBbox(q('bbox'));
    const limit = parseLimit(q('limit'));
    const offset = parseOffset(q('offset'));
    const [stationId, status, type] = [q('stationId'), q('status'), q('type')];
    const page = this.stations[api]
      .filter(
        ({ record: r }) =>
          (stationId === undefined || r.stationId === stationId) &&
          (status === undefined || (r.status ?? 'Active') === status) &&
          (type === undefined || r.type === type) &&
          inBbox(bbox, r.location),
      )
      .slice(offset, offset + limit)
      .map(({ record, id }) => stationFeature(record, id));
    return geoJson(featureCollectionPage(page, selfUrl, limit, offset));
  }

  private toFeature(api: FakeDmiApi, record: FakeObservationRecord): FakeObservationFeature {
    const location = record.location ?? this.currentStationLocation(api, record.stationId);
    if (!location) {
      throw new Error(`fake DMI: give a location for ${record.stationId} or add the station first (${api})`);
    }
    const qcStatus = record.qcStatus ?? (api === 'oceanObs' ? 'auto' : undefined);
    return {
      type: 'Feature',
      id: record.id ?? randomUUID(),
      geometry: { type: 'Point', coordinates: location },
      properties: {
        created: record.created ?? record.observed,
        observed: record.observed,
        parameterId: record.parameterId,
        ...(qcStatus === undefined ? {} : { qcStatus }),
        stationId: record.stationId,
        value: record.value,
      },
    };
  }

  private currentStationLocation(api: FakeDmiApi, stationId: string): [number, number] | undefined {
    const records = this.stations[api].map((s) => s.record).filter((r) => r.stationId === stationId);
    return (records.find((r) => r.validTo === null) ?? records[records.length - 1])?.location;
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }
}

type Query = (name: string) => string | undefined;

function geoJson(body: Record<string, unknown>): Answer {
  return json(200, JSON.stringify(body), 'application/geo+json');
}
