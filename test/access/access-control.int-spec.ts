// Roles and API keys on the api and alerting apps: what a planner, an operator, a sensor key, an admin and a caller
// without a key may and may not do, that the key's name (not the body) goes into the audit trail, and that the
// public risk map is open by configuration only.
import { AlertSignalsV1 } from '@klimavagt/contracts';
import { signalId, type AlertSignal, type IdentifiedAlertSignal } from '@klimavagt/domain';
import { createKafka, EventPublisher } from '@klimavagt/messaging';
import {
  alertingTestConfig,
  createTestDatabase,
  expectEventually,
  jsonClient,
  RunningAlerting,
  RunningApi,
  startAlerting,
  startApi,
  TestDatabase,
  testKafkaBrokers,
} from '@klimavagt/test-harness';

const KEYS = {
  admin: 'admin-key-0123456789abcdefgh',
  planner: 'planner-key-0123456789abcdefg',
  operator: 'operator-key-0123456789abcdef',
  sensor: 'sensor-key-0123456789abcdefgh',
};
const API_KEYS = `admin:it-admin:${KEYS.admin},planner:planner-pia:${KEYS.planner},operator:vagt-ole:${KEYS.operator},sensor:pumpe-7:${KEYS.sensor}`;
type Who = keyof typeof KEYS | 'nobody' | 'forged';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the API's JSON as the test reads it
type Json = any;

function call(base: string, who: Who, method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const key = who === 'forged' ? 'not-a-key-0123456789abcdefgh' : who === 'nobody' ? undefined : KEYS[who];
  return jsonClient(base)(method, path, body, key ? { authorization: `Bearer ${key}` } : {});
}

const zone = (id: string) => ({
  id,
  name: `Testzone ${id}`,
  illustrative: true,
  hazards: ['coastal-flooding'],
  owner: 'Assens Kommune',
  geometry: { type: 'Polygon', coordinates: [[[9.89, 55.27], [9.9, 55.27], [9.9, 55.275], [9.89, 55.275], [9.89, 55.27]]] },
  representativeStationIds: ['9020201'],
  nearbyDistanceM: 0,
  levelSets: [],
  rules: [],
});

describe('access control', () => {
  let t: TestDatabase;
  let api: RunningApi;
  let alerting: RunningAlerting;
  let publisher: EventPublisher;
  const alertPath = `/v1/alerts/${encodeURIComponent('acl-zone:coastal-flooding:vandstand#1')}`;

  beforeAll(async () => {
    t = await createTestDatabase('postgres');
    api = await startApi(t, { env: { API_KEYS } });
    alerting = await startAlerting(alertingTestConfig(t, { API_KEYS }));
    publisher = new EventPublisher(createKafka({ brokers: testKafkaBrokers(), clientId: 'acl-test', connectTimeoutMs: 5_000, requestTimeoutMs: 30_000 }), {
      publishTimeoutMs: 15_000,
      topicPrefix: alerting.config.KAFKA_TOPIC_PREFIX,
    });
    const s: AlertSignal = {
      kind: 'firing',
      fingerprint: 'acl-zone:coastal-flooding:vandstand',
      zoneId: 'acl-zone',
      hazard: 'coastal-flooding',
      ruleId: 'vandstand',
      severity: 'orange',
      previousSeverity: null,
      capSeverity: 'Severe',
      votes: [],
      at: new Date().toISOString(),
    };
    await publisher.publish(AlertSignalsV1, [{ ...s, signalId: signalId(s) } as IdentifiedAlertSignal]);
    await expectEventually(async () => expect((await call(alerting.url, 'operator', 'GET', alertPath)).status).toBe(200), { timeoutMs: 30_000 });
  }, 120_000);

  afterAll(async () => {
    await publisher?.disconnect();
    await alerting?.close();
    await api?.close();
    await t?.close();
  });

  it('lets anyone read the public risk map, its page and the CAP feed, health and metrics — and nothing else without a key', async () => {
    expect((await call(api.url, 'nobody', 'GET', '/v1/risk-map')).status).toBe(200);
    expect((await call(api.url, 'nobody', 'GET', '/map')).status).toBe(200);
    expect((await call(alerting.url, 'nobody', 'GET', '/v1/cap/alerts.atom')).status).toBe(200);
    expect((await call(api.url, 'nobody', 'GET', '/health/live')).status).toBe(200);
    expect((await call(alerting.url, 'nobody', 'GET', '/metrics')).status).toBe(200);
    const zones = await call(api.url, 'nobody', 'GET', '/v1/zones');
    expect(zones).toMatchObject({ status: 401, body: { error: 'unauthenticated' } });
    expect((await call(alerting.url, 'nobody', 'GET', '/v1/alerts')).status).toBe(401);
    expect((await call(api.url, 'forged', 'GET', '/v1/zones')).body).toMatchObject({ error: 'unauthenticated', message: 'the API key is not valid' });
  });

  it('planner: reads everything, edits zones and initiatives (audited under the key name); may not acknowledge, silence or route', async () => {
    expect((await call(api.url, 'planner', 'GET', '/v1/zones')).status).toBe(200);
    expect((await call(api.url, 'planner', 'GET', '/v1/reports/coverage-gaps')).status).toBe(200);
    expect((await call(alerting.url, 'planner', 'GET', '/v1/alerts')).status).toBe(200);
    const created = await call(api.url, 'planner', 'POST', '/v1/zones', zone('acl-planner-zone'));
    expect(created.status).toBe(201);
    const history = await call(api.url, 'planner', 'GET', '/v1/zones/acl-planner-zone/history');
    expect(JSON.stringify(history.body)).toContain('planner-pia');
    const ack = await call(alerting.url, 'planner', 'POST', `${alertPath}/acknowledge`, {});
    expect(ack).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    expect(ack.body.message).toContain('planner-pia (planner) may not POST');
    expect((await call(alerting.url, 'planner', 'POST', '/v1/silences', { matchers: {}, endsAt: new Date(Date.now() + 3_600_000).toISOString(), reason: 'x' })).status).toBe(403);
    expect((await call(alerting.url, 'planner', 'POST', '/v1/notification-routes', { id: 'r1', name: 'r', channel: 'email', target: 'a@b.dk' })).status).toBe(403);
  });

  it('operator: acknowledges and silences under the key name (a body cannot claim another name); may not edit zones or routes', async () => {
    const ack = await call(alerting.url, 'operator', 'POST', `${alertPath}/acknowledge`, { by: 'someone-else' });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'vagt-ole' });
    const silence = await call(alerting.url, 'operator', 'POST', '/v1/silences', { matchers: { zoneId: 'acl-zone' }, endsAt: new Date(Date.now() + 3_600_000).toISOString(), reason: 'pumpearbejde' });
    expect(silence.status).toBe(201);
    expect(silence.body.author).toBe('vagt-ole');
    expect((await call(api.url, 'operator', 'GET', '/v1/zones')).status).toBe(200);
    expect((await call(api.url, 'operator', 'POST', '/v1/zones', zone('acl-operator-zone'))).status).toBe(403);
    expect((await call(api.url, 'operator', 'PUT', '/v1/initiatives/x', {})).status).toBe(403);
    expect((await call(alerting.url, 'operator', 'POST', '/v1/notification-routes', { id: 'r2', name: 'r', channel: 'email', target: 'a@b.dk' })).status).toBe(403);
  });

  it('sensor: an ingest-only key reads and writes nothing on the api and alerting apps', async () => {
    expect((await call(api.url, 'sensor', 'GET', '/v1/zones')).status).toBe(403);
    expect((await call(api.url, 'sensor', 'GET', '/v1/reports/coverage-gaps')).status).toBe(403);
    expect((await call(alerting.url, 'sensor', 'GET', '/v1/alerts')).status).toBe(403);
    expect((await call(alerting.url, 'sensor', 'POST', `${alertPath}/comments`, { text: 'hej' })).status).toBe(403);
  });

  it('admin: may do everything, including notification routes', async () => {
    const route = await call(alerting.url, 'admin', 'POST', '/v1/notification-routes', { id: 'acl-route', name: 'Vagt', channel: 'email', target: 'vagt@assens.example' });
    expect(route.status).toBe(201);
    expect((await call(api.url, 'admin', 'POST', '/v1/zones', zone('acl-admin-zone'))).status).toBe(201);
    const comment = await call(alerting.url, 'admin', 'POST', `${alertPath}/comments`, { text: 'set' });
    expect(comment.status).toBe(201);
    expect((comment.body.history as Json[]).at(-1)).toMatchObject({ kind: 'commented', by: 'it-admin' });
  });

  it('closes the public risk map too when PUBLIC_READS=none', async () => {
    const closed = await startApi(t, { env: { API_KEYS, PUBLIC_READS: 'none' } });
    try {
      expect((await call(closed.url, 'nobody', 'GET', '/v1/risk-map')).status).toBe(401);
      expect((await call(closed.url, 'planner', 'GET', '/v1/risk-map')).status).toBe(200);
    } finally {
      await closed.close();
    }
  });

  it('refuses a malformed API_KEYS at start with one clear reason', async () => {
    await expect(startApi(t, { env: { API_KEYS: 'boss:x:short' } })).rejects.toThrow(/API_KEYS=.*role:name:key/);
  });
});
