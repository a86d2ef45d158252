// The 2023 storm served by the fake DMI (oceanObs sea_reg in cm for the two gauges, metObs for the weather
// station), and a stack that hears it through the real DMI pollers (constructed directly, driven by the test's
// own `now`), the real evaluator and alerting apps (and optionally the recorder), with a webhook receiver.
import type { INestApplication } from '@nestjs/common';
import pino from 'pino';
import { Registry } from 'prom-client';
import { loadConfig, KlimavagtConfig } from '@klimavagt/config';
import { stormflod2023, type Station, type ZoneRule } from '@klimavagt/domain';
import { DmiClient, DmiObservationApi } from '@klimavagt/feeds';
import { createKafka, EventPublisher } from '@klimavagt/messaging';
import { IngestMetrics } from '@klimavagt/observability';
import { startService } from '@klimavagt/platform';
import { FeedCursorsRepository, StationsRepository, ZonesRepository, type ZoneDocument } from '@klimavagt/storage';
import { ASSENS_SEED_ZONES } from '../../apps/api/src/zones/assens-seed';
import { EvaluatorModule } from '../../apps/evaluator/src/evaluator.module';
import { DmiObservationPoller } from '../../apps/ingest/src/dmi/dmi-observations.poller';
import { RecorderModule } from '../../apps/recorder/src/recorder.module';
import { RunningAlerting, startAlerting } from './alerting-app';
import { ASSENS_GAUGE, ASSENS_WEATHER } from './assens-fixtures';
import type { FakeDmiServer, FakeObservationRecord, FakeStationRecord } from './fake-dmi/fake-dmi-server';
import { createTestDatabase, TestDatabase } from './test-database';
import { testKafkaBrokers, uniqueName } from './test-kafka';
import { TopicReader } from './topic-reader';
import { WebhookReceiver } from './webhook-receiver';

export const FAABORG_GAUGE: Station = {
  id: '9020301',
  name: 'Fåborg Havn I',
  source: 'dmi-oceanobs',
  owner: 'Kystdirektoratet',
  location: [10.2412, 55.0934],
  providerParameters: ['sea_reg'],
  parameters: ['sea_level'],
};

export const STORM_STATIONS: readonly Station[] = [ASSENS_GAUGE, FAABORG_GAUGE, ASSENS_WEATHER];

/** DMI's parameter for each scenario parameter the storm stack serves, and the factor to DMI's unit. */
const DMI_PARAMETERS: Record<string, { api: DmiObservationApi; parameterId: string; factor: number }> = {
  sea_level: { api: 'oceanObs', parameterId: 'sea_reg', factor: 100 }, // Kystdirektoratet gauges: cm DVR90
  wind_speed: { api: 'metObs', parameterId: 'wind_speed', factor: 1 },
  wind_dir: { api: 'metObs', parameterId: 'wind_dir', factor: 1 },
  precip_past10min: { api: 'metObs', parameterId: 'precip_past10min', factor: 1 },
};

export interface StormFeedOptions {
  /** Observed in [from, to). */
  from: string;
  to: string;
  /** No values at all from this station observed in [from, to). */
  gap?: { stationId: string; from: string; to: string };
  /** DMI's `created` of every value: observed + this (default 1 min). */
  createdAfterMs?: number;
}

/** The storm's observations of the stack's stations as DMI records, per API. */
export function stormDmiRecords(options: StormFeedOptions): Record<DmiObservationApi, FakeObservationRecord[]> {
  const [from, to] = [Date.parse(options.from), Date.parse(options.to)];
  const stationIds = new Set(STORM_STATIONS.map((s) => s.id));
  const out: Record<DmiObservationApi, FakeObservationRecord[]> = { metObs: [], oceanObs: [] };
  for (const o of stormflod2023().observations) {
    const at = Date.parse(o.observedAt);
    const dmi = DMI_PARAMETERS[o.parameter];
    if (!dmi || !stationIds.has(o.stationId) || at < from || at >= to) continue;
    const gap = options.gap;
    if (gap && gap.stationId === o.stationId && at >= Date.parse(gap.from) && at < Date.parse(gap.to)) continue;
    out[dmi.api].push({
      stationId: o.stationId,
      parameterId: dmi.parameterId,
      observed: o.observedAt,
      value: Math.round(o.value * dmi.factor * 1000) / 1000,
      created: new Date(at + (options.createdAfterMs ?? 60_000)).toISOString(),
    });
  }
  return out;
}

/** Loads the stations (current records) and the storm's values into the fake DMI. */
export function loadStormIntoFakeDmi(dmi: FakeDmiServer, options: StormFeedOptions): void {
  for (const station of STORM_STATIONS) {
    const api: DmiObservationApi = station.source === 'dmi-metobs' ? 'metObs' : 'oceanObs';
    const record: FakeStationRecord = {
      stationId: station.id,
      name: station.name,
      location: [station.location[0], station.location[1]],
      validFrom: '2010-01-01T00:00:00Z',
      validTo: null,
      parameterIds: [...station.providerParameters],
    };
    dmi.addStations(api, [record]);
  }
  const records = stormDmiRecords(options);
  dmi.addObservations('oceanObs', records.oceanObs);
  dmi.addObservations('metObs', records.metObs);
}

const seedHarbour = ASSENS_SEED_ZONES.find((z) => z.id === 'assens-havn')!;
const rule = (zone: ZoneDocument, id: string): ZoneRule => zone.rules.find((r) => r.id === id)!;

/**
 * The seeded harbour zone (judged by the Assens gauge and the Assens/Torø weather station) without its DKSS
 * rule (no forecast feed here), a Faaborg harbour zone judged only by the Faaborg gauge (level rule and a
 * 1 h silent-gauge rule), and the seeded Flemløse zone (rain at Assens/Torø).
 */
export const STORM_ZONES: readonly ZoneDocument[] = [
  { ...seedHarbour, rules: seedHarbour.rules.filter((r) => r.spec.kind !== 'forecast') },
  {
    id: 'faaborg-havn',
    name: 'Faaborg Havn (test zone, illustrative)',
    illustrative: true,
    hazards: ['coastal-flooding'],
    owner: 'Assens Kommune',
    geometry: { type: 'Polygon', coordinates: [[[10.236, 55.089], [10.247, 55.089], [10.247, 55.097], [10.236, 55.097], [10.236, 55.089]]] },
    representativeStationIds: [FAABORG_GAUGE.id],
    nearbyDistanceM: 0,
    levelSets: seedHarbour.levelSets.filter((l) => l.id === 'today'),
    rules: [rule(seedHarbour, 'vandstand'), rule(seedHarbour, 'maaler-tavs')],
  },
  ASSENS_SEED_ZONES.find((z) => z.id === 'flemloese')!,
];

export interface StormStackOptions {
  /** Also run the recorder (observations into the database). */
  recorder?: boolean;
}

export interface PollerOptions {
  api: DmiObservationApi;
  settleMs: number;
  backfillMs: number;
  pageLimit: number;
}

export interface StormStack {
  t: TestDatabase;
  config: KlimavagtConfig;
  alerting: RunningAlerting;
  receiver: WebhookReceiver;
  signals: TopicReader;
  observations: TopicReader;
  /** A DMI poller of this stack's database (cursor, registry) and topics, reading `dmi`. */
  poller(dmi: FakeDmiServer, options: PollerOptions): DmiObservationPoller;
  close(): Promise<void>;
}

/**
 * A fresh database (registry and zones above), topic prefix, evaluator and alerting app (webhook route to a
 * local receiver), readers on alert-signals.v1 and observations.v1.
 */
export async function startStormStack(options: StormStackOptions = {}): Promise<StormStack> {
  const t = await createTestDatabase('postgres');
  await new StationsRepository(t.db).upsert(STORM_STATIONS);
  const zones = new ZonesRepository(t.db);
  for (const zone of STORM_ZONES) await zones.create(zone, { by: 'test', reason: 'storm stack' });
  const config = loadConfig({
    DATABASE_URL: t.url,
    DATABASE_POOL_MAX: '8',
    KAFKA_BROKERS: testKafkaBrokers().join(','),
    KAFKA_TOPIC_PREFIX: `${uniqueName('storm')}.`,
    LOG_LEVEL: 'warn',
    NOTIFY_DISPATCH_INTERVAL_MS: '200',
    WEBHOOK_TIMEOUT_MS: '5000',
    // Wall-clock decisions kept out of the comparison: no feed here stops, and escalation (wall clock by
    // design) must not add history entries that depend on how long a loaded machine takes.
    EVALUATOR_SOURCE_IDLE_MS: String(6 * 3_600_000),
    ALERT_ESCALATE_RED_MS: String(24 * 3_600_000),
    ALERT_ESCALATE_ORANGE_MS: String(24 * 3_600_000),
    ALERT_ESCALATE_YELLOW_MS: String(24 * 3_600_000),
  });
  const apps: INestApplication[] = [];
  const closers: (() => Promise<void>)[] = [];
  try {
    apps.push(await startService(EvaluatorModule.forRoot(config), { app: 'evaluator', port: 0, config }));
    if (options.recorder) apps.push(await startService(RecorderModule.forRoot(config), { app: 'recorder', port: 0, config }));
    const alerting = await startAlerting(config);
    closers.push(() => alerting.close());
    const receiver = await new WebhookReceiver().start();
    closers.push(() => receiver.stop());
    const route = await alerting.call('POST', '/v1/notification-routes', {
      id: 'storm-hook',
      name: 'Vagten',
      channel: 'webhook',
      target: receiver.url(),
      matchers: {},
      allowPrivateNetwork: true,
    });
    if (route.status !== 201) throw new Error(`route not created: ${route.status} ${JSON.stringify(route.body)}`);
    receiver.secret = (route.body as { secret: string }).secret;
    const signals = await TopicReader.start(`${config.KAFKA_TOPIC_PREFIX}alert-signals.v1`);
    closers.push(() => signals.stop());
    const observations = await TopicReader.start(`${config.KAFKA_TOPIC_PREFIX}observations.v1`);
    closers.push(() => observations.stop());
    const kafka = createKafka({ brokers: testKafkaBrokers(), clientId: 'storm-pollers', connectTimeoutMs: 5_000, requestTimeoutMs: 30_000 });
    const publisher = new EventPublisher(kafka, { publishTimeoutMs: 30_000, topicPrefix: config.KAFKA_TOPIC_PREFIX });
    closers.push(async () => void (await publisher.disconnect()));
    return {
      t,
      config,
      alerting,
      receiver,
      signals,
      observations,
      poller: (dmi, o) =>
        new DmiObservationPoller(
          { api: o.api, bbox: config.DMI_BBOX, settleMs: o.settleMs, backfillMs: o.backfillMs },
          {
            client: new DmiClient({ baseUrl: dmi.baseUrl, pageLimit: o.pageLimit, timeoutMs: 10_000, maxAttempts: 2, backoffBaseMs: 1, backoffMaxMs: 5 }),
            publisher,
            cursors: new FeedCursorsRepository(t.db),
            stations: new StationsRepository(t.db),
            metrics: new IngestMetrics(new Registry()),
            log: pino({ level: 'silent' }),
          },
        ),
      async close() {
        for (const close of closers.reverse()) await close().catch(() => undefined);
        for (const app of apps.reverse()) await app.close().catch(() => undefined);
        await t.close();
      },
    };
  } catch (error) {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    for (const app of apps.reverse()) await app.close().catch(() => undefined);
    await t.close();
    throw error;
  }
}
