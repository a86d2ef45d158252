// A whole DMI feed delivering nothing for longer than the outage limit, while ingest and alerting run: the fake
// DMI is stopped, ingest's cycles fail (or would not report at all), and the alerting app — judging by wall
// clock — delivers a feed-outage alert to an operator's webhook route; DMI back, the resolve follows. No CAP
// message is made for it, and klimavagt_feed_outage says 1 while it stands.
import { FeedHealthRepository } from '@klimavagt/storage';
import {
  alertingTestConfig,
  createTestDatabase,
  expectEventually,
  RunningAlerting,
  RunningIngest,
  startAlerting,
  startIngest,
  TestDatabase,
  uniqueName,
  WebhookReceiver,
} from '@klimavagt/test-harness';
import { FakeDmiServer } from '../harness/fake-dmi/fake-dmi-server';

const OUTAGE_AFTER_MS = 12_000;

function seed(dmi: FakeDmiServer): void {
  const now = Date.now();
  const iso = (ms: number) => new Date(Math.floor(ms / 600_000) * 600_000).toISOString();
  dmi.addStations('oceanObs', [
    { stationId: '9020201', name: 'Assens Havn I', location: [9.8897, 55.2706], validFrom: '2015-01-01T00:00:00Z', validTo: null, parameterIds: ['sea_reg'] },
  ]);
  dmi.addStations('metObs', [
    { stationId: '06123', name: 'Assens/Torø', location: [9.8882, 55.2444], validFrom: '2015-01-01T00:00:00Z', validTo: null, parameterIds: ['wind_speed'] },
  ]);
  dmi.addObservations('oceanObs', [{ stationId: '9020201', parameterId: 'sea_reg', observed: iso(now - 3_600_000), value: 87 }]);
  dmi.addObservations('metObs', [{ stationId: '06123', parameterId: 'wind_speed', observed: iso(now - 3_600_000), value: 7.5 }]);
  const hour = new Date(Math.ceil(now / 3_600_000) * 3_600_000 + 3_600_000).toISOString();
  dmi.setForecast('dkss_lb', 9.88, 55.27, { runTime: '2023-10-20T12:00:00Z', points: [{ at: hour, levelM: 0.4 }] });
}

describe('feed outage', () => {
  let dmi: FakeDmiServer;
  let dmiPort: number;
  let t: TestDatabase;
  let ingest: RunningIngest | undefined;
  let alerting: RunningAlerting | undefined;
  const receiver = new WebhookReceiver();
  const fingerprint = 'feed:dmi-oceanobs:outage';
  const opened = () => receiver.received.filter((r) => r.type === 'alert.opened' && r.data.alert.fingerprint === fingerprint);
  const resolved = () => receiver.received.filter((r) => r.type === 'alert.resolved' && r.data.alert.fingerprint === fingerprint);
  const outageGauge = async () => {
    const metrics = await alerting!.text('/metrics');
    const line = metrics.body.split('\n').find((l) => l.startsWith('klimavagt_feed_outage{feed="dmi-oceanobs"'));
    return line ? Number(line.split(' ').pop()) : undefined;
  };

  beforeAll(async () => {
    dmi = await FakeDmiServer.start();
    dmiPort = Number(new URL(dmi.baseUrl).port);
    seed(dmi);
    t = await createTestDatabase('postgres');
    await receiver.start();
    const prefix = `${uniqueName('feeds')}.`;
    alerting = await startAlerting(
      alertingTestConfig(t, {
        KAFKA_TOPIC_PREFIX: prefix,
        FEED_OUTAGE_AFTER_MS: String(OUTAGE_AFTER_MS),
        FEED_OUTAGE_CHECK_MS: '500',
        FEED_OUTAGE_FEEDS: 'dmi-metobs,dmi-oceanobs,dmi-dkss',
      }),
    );
    const route = await alerting.call('POST', '/v1/notification-routes', {
      id: 'driftsvagt',
      name: 'Driftsvagt',
      channel: 'webhook',
      target: receiver.url(),
      matchers: { categories: ['operational'] },
      allowPrivateNetwork: true,
    });
    expect(route.status).toBe(201);
    receiver.secret = route.body.secret;
    ingest = await startIngest(t.url, {
      KAFKA_TOPIC_PREFIX: prefix,
      DMI_POLL_ENABLED: 'true',
      DMI_BASE_URL: dmi.baseUrl,
      DMI_SETTLE_MS: '0',
      DMI_POLL_INTERVAL_MS: '1000',
      DMI_FORECAST_INTERVAL_MS: '1000',
      DMI_TIMEOUT_MS: '2000',
    });
  });

  afterAll(async () => {
    await ingest?.app.close();
    await alerting?.close();
    await receiver.stop();
    await dmi?.stop();
    await t?.close();
  });

  it('hears every feed succeed while DMI answers', async () => {
    await expectEventually(
      async () => {
        const health = await new FeedHealthRepository(t.db).list();
        expect(health.filter((h) => h.lastOkAt !== null).map((h) => h.feed)).toEqual(['dmi-dkss', 'dmi-metobs', 'dmi-oceanobs']);
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
  });

  it('raises a feed-outage alert at the operators route when DMI has been down longer than the limit', async () => {
    const stoppedAt = Date.now();
    await dmi.stop();
    await expectEventually(() => expect(opened()).toHaveLength(1), { timeoutMs: 120_000, intervalMs: 250 });
    // Not before the limit (wall clock since the last success, which came before the stop).
    expect(Date.now() - stoppedAt).toBeGreaterThanOrEqual(OUTAGE_AFTER_MS - 2_000);
    const [hook] = opened();
    expect(hook.signed).toBe(true);
    expect(hook.data.alert).toMatchObject({ id: `${fingerprint}#1`, zoneId: null, hazard: null, severity: 'orange', state: 'firing' });
    expect(hook.data.alert.operational).toMatchObject({ kind: 'feed-outage', feed: 'dmi-oceanobs', limitMs: OUTAGE_AFTER_MS });
    expect(hook.data.alert.operational.lastOkAt).not.toBeNull();
    expect(hook.data.message.da.title).toBe('DMI-feed udeblevet: dmi-oceanobs');
    expect(hook.data.message.en.title).toBe('Feed outage: dmi-oceanobs');
    expect(hook.data.message.en.body).toContain(`Last successful poll: ${hook.data.alert.operational.lastOkAt}.`);
    expect(hook.data.coverage).toMatchObject({ covering: [], uncovered: false });
    expect(hook.data.cap).toBeUndefined();
    // The other feeds are out too; each is its own alert.
    await expectEventually(() =>
      expect(new Set(receiver.received.filter((r) => r.type === 'alert.opened').map((r) => r.data.alert.fingerprint))).toEqual(
        new Set(['feed:dmi-metobs:outage', 'feed:dmi-oceanobs:outage', 'feed:dmi-dkss:outage']),
      ),
    { timeoutMs: 60_000, intervalMs: 250 });

    const alert = await alerting!.call('GET', `/v1/alerts/${encodeURIComponent(`${fingerprint}#1`)}`);
    expect(alert.status).toBe(200);
    expect(alert.body).toMatchObject({ state: 'firing', zoneId: null, hazard: null });
    expect(alert.body.links.cap).toBeUndefined();
    expect((await alerting!.call('GET', `/v1/alerts/${encodeURIComponent(`${fingerprint}#1`)}/cap`)).status).toBe(404);
    await expectEventually(async () => expect(await outageGauge()).toBe(1), { timeoutMs: 30_000, intervalMs: 250 });
  });

  it('records the last failure, and an operator can acknowledge the outage', async () => {
    const id = encodeURIComponent(`${fingerprint}#1`);
    const ack = await alerting!.call('POST', `/v1/alerts/${id}/acknowledge`, { by: 'driftsvagt', reason: 'DMI kontaktet' });
    expect(ack.status).toBe(200);
    expect(ack.body.state).toBe('acknowledged');
    await expectEventually(
      async () => {
        const health = (await new FeedHealthRepository(t.db).list()).find((h) => h.feed === 'dmi-oceanobs');
        expect(health?.lastFailure?.reason).toBeTruthy();
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
  });

  it('resolves it when DMI delivers again', async () => {
    dmi = await FakeDmiServer.start({ port: dmiPort });
    seed(dmi);
    await expectEventually(() => expect(resolved()).toHaveLength(1), { timeoutMs: 120_000, intervalMs: 250 });
    const [hook] = resolved();
    expect(hook.signed).toBe(true);
    expect(hook.data.alert).toMatchObject({ id: `${fingerprint}#1`, state: 'resolved' });
    expect(hook.data.message.da.title).toBe('DMI-feed leverer igen: dmi-oceanobs');
    expect(hook.data.change.reason).toMatch(/^dmi-oceanobs succeeded again at /);
    await expectEventually(async () => expect(await outageGauge()).toBe(0), { timeoutMs: 30_000, intervalMs: 250 });
    // Every webhook id arrived once per change (duplicates only ever under the same id).
    expect(new Set(receiver.received.map((r) => r.id)).size).toBeGreaterThanOrEqual(4);
  });
});
