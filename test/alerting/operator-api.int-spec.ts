// The operators' alert API end to end: evaluator signals arrive over Kafka, operators act over HTTP —
// acknowledge, comment, resolve, silence — and escalation pages (by signed webhook) when nobody answers.
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AlertSignalsV1 } from '@klimavagt/contracts';
import { CAP_SEVERITY, signalId, type AlertSignal, type DecidingValue, type IdentifiedAlertSignal, type Severity } from '@klimavagt/domain';
import { createKafka, EventPublisher } from '@klimavagt/messaging';
import { verifyWebhook } from '@klimavagt/notifications';
import { alertingTestConfig, ApiAnswer, createTestDatabase, expectEventually, RunningAlerting, startAlerting, TestDatabase, testKafkaBrokers } from '@klimavagt/test-harness';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the API's JSON as the test reads it
type Json = any;

const HAZARD = 'coastal-flooding';
const RULE = 'sea-level';
const ROUTE_ID = 'ops-hook';
/** One zone per scenario, so each test has its own alert (fingerprint) and the tests do not see each other's. */
const ZONES = {
  ack: 'ops-ack',
  resolve: 'ops-resolve',
  silenced: 'ops-silenced',
  loud: 'ops-loud',
  escalating: 'ops-escalating',
  answered: 'ops-answered',
  paused: 'ops-paused',
} as const;
const ESCALATE_RED_MS = 1_500;

/** A received webhook POST. */
interface Delivery {
  path: string;
  headers: IncomingHttpHeaders;
  raw: string;
  body: Json;
}

/** A local webhook receiver answering 204 to everything, recording what it got. */
async function startReceiver(): Promise<{ server: Server; port: number; deliveries: Delivery[] }> {
  const deliveries: Delivery[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: Json;
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
      deliveries.push({ path: req.url ?? '', headers: req.headers, raw: text, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, deliveries };
}

/** A signal as the evaluator builds it, stamped now (silences and escalation compare with the clock). */
function signal(zoneId: string, severity: Severity, previousSeverity: Severity | null, value: number): IdentifiedAlertSignal {
  const at = new Date().toISOString();
  const decidedBy: DecidingValue = { stationId: '9020201', parameter: 'sea_level', observedAt: at, value, measure: 'value' };
  const s: AlertSignal = {
    kind: 'firing',
    fingerprint: `${zoneId}:${HAZARD}:${RULE}`,
    zoneId,
    hazard: HAZARD,
    ruleId: RULE,
    severity,
    previousSeverity,
    capSeverity: CAP_SEVERITY[severity],
    decidedBy,
    votes: [],
    at,
  };
  return { ...s, signalId: signalId(s) };
}

const alertIdOf = (zoneId: string, episode = 1) => `${zoneId}:${HAZARD}:${RULE}#${episode}`;
const alertPath = (zoneId: string, episode = 1) => `/v1/alerts/${encodeURIComponent(alertIdOf(zoneId, episode))}`;

describe("the operators' alert API", () => {
  let t: TestDatabase;
  let alerting: RunningAlerting;
  let publisher: EventPublisher;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let routeCreated: ApiAnswer;

  beforeAll(async () => {
    t = await createTestDatabase('postgres');
    receiver = await startReceiver();
    // Topics are created by the app on start-up, so it starts before anything is published.
    alerting = await startAlerting(alertingTestConfig(t, { ALERT_ESCALATE_RED_MS: String(ESCALATE_RED_MS), ALERT_ESCALATION_CHECK_MS: '200' }));
    const kafka = createKafka({ brokers: testKafkaBrokers(), clientId: 'operator-api-test', connectTimeoutMs: 5_000, requestTimeoutMs: 30_000 });
    publisher = new EventPublisher(kafka, { publishTimeoutMs: 15_000, topicPrefix: alerting.config.KAFKA_TOPIC_PREFIX });
    // Routes are read when a signal is applied, so the webhook route exists before any signal is published.
    routeCreated = await alerting.call('POST', '/v1/notification-routes', {
      id: ROUTE_ID,
      name: 'Beredskabets vagttelefon',
      channel: 'webhook',
      target: `http://127.0.0.1:${receiver.port}/hook`,
      matchers: { zoneIds: [ZONES.silenced, ZONES.loud, ZONES.escalating] },
      allowPrivateNetwork: true,
    });
    expect(routeCreated.status).toBe(201);
  }, 120_000);

  afterAll(async () => {
    await alerting?.close();
    await publisher?.disconnect();
    await new Promise<void>((resolve) => (receiver ? receiver.server.close(() => resolve()) : resolve()));
    await t?.close();
  });

  const publish = (...signals: IdentifiedAlertSignal[]) => publisher.publish(AlertSignalsV1, signals);

  /** The alert once the app has taken the signal that opened it (or changed it as `check` demands). */
  const alertOnce = (zoneId: string, check: (a: Json) => void = () => undefined, options?: { timeoutMs?: number; intervalMs?: number }) =>
    expectEventually(async () => {
      const answer = await alerting.call('GET', alertPath(zoneId));
      expect(answer.status).toBe(200);
      check(answer.body);
      return answer.body as Json;
    }, options);

  const notificationsOf = async (zoneId: string): Promise<Json[]> => {
    const answer = await alerting.call('GET', `${alertPath(zoneId)}/notifications`);
    expect(answer.status).toBe(200);
    return answer.body as Json[];
  };

  describe('notification routes', () => {
    it('shows a webhook route its generated whsec_ secret once, at creation, and withholds it from listings', async () => {
      expect(routeCreated.body).toMatchObject({ id: ROUTE_ID, channel: 'webhook', hasSecret: true, allowPrivateNetwork: true, enabled: true });
      expect(routeCreated.body.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{24,}$/);

      const list = await alerting.call('GET', '/v1/notification-routes');
      expect(list.status).toBe(200);
      const listed = (list.body as Json[]).find((r) => r.id === ROUTE_ID);
      expect(listed).toMatchObject({ id: ROUTE_ID, hasSecret: true, target: `http://127.0.0.1:${receiver.port}/hook` });
      expect(listed).not.toHaveProperty('secret');

      const one = await alerting.call('GET', `/v1/notification-routes/${ROUTE_ID}`);
      expect(one.status).toBe(200);
      expect(one.body.hasSecret).toBe(true);
      expect(one.body).not.toHaveProperty('secret');
    });
  });

  describe('acknowledge', () => {
    it('lists a firing alert as open, acknowledges it once for an operator, and refuses the wrong actor, id or body', async () => {
      await publish(signal(ZONES.ack, 'yellow', null, 1.05));
      await expectEventually(async () => {
        const open = await alerting.call('GET', `/v1/alerts?state=open&zoneId=${ZONES.ack}`);
        expect(open.status).toBe(200);
        expect((open.body as Json[]).map((a) => [a.id, a.state])).toEqual([[alertIdOf(ZONES.ack), 'firing']]);
      });

      const acked = await alerting.call('POST', `${alertPath(ZONES.ack)}/acknowledge`, { by: 'ops-anna', reason: 'on my way' });
      expect(acked.status).toBe(200);
      expect(acked.body).toMatchObject({ id: alertIdOf(ZONES.ack), state: 'acknowledged', acknowledgedBy: 'ops-anna', nextEscalationAt: null });
      expect(acked.body.acknowledgedAt).toEqual(expect.any(String));
      expect((acked.body.history as Json[]).at(-1)).toMatchObject({ kind: 'acknowledged', by: 'ops-anna', reason: 'on my way', severity: 'yellow' });
      // What the action answered is what is stored.
      expect((await alerting.call('GET', alertPath(ZONES.ack))).body).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'ops-anna' });

      const again = await alerting.call('POST', `${alertPath(ZONES.ack)}/acknowledge`, { by: 'ops-bo' });
      expect(again.status).toBe(409);
      expect(again.body.error).toBe('not-firing');

      const reserved = await alerting.call('POST', `${alertPath(ZONES.ack)}/acknowledge`, { by: 'evaluator' });
      expect(reserved.status).toBe(422);
      expect(reserved.body.error).toBe('invalid-actor');

      const unknown = await alerting.call('POST', `/v1/alerts/${encodeURIComponent('nowhere:coastal-flooding:sea-level#1')}/acknowledge`, { by: 'ops-anna' });
      expect(unknown.status).toBe(404);
      expect(unknown.body.error).toBe('alert-not-found');

      const malformed = await alerting.call('POST', '/v1/alerts/not-an-alert-id/acknowledge', { by: 'ops-anna' });
      expect(malformed.status).toBe(400);
      expect(malformed.body.error).toBe('invalid-request');

      const extra = await alerting.call('POST', `${alertPath(ZONES.ack)}/acknowledge`, { by: 'ops-anna', priority: 'high' });
      expect(extra.status).toBe(400);
      expect(extra.body.error).toBe('invalid-request');

      // None of the refused requests changed the alert.
      const after = (await alerting.call('GET', alertPath(ZONES.ack))).body;
      expect((after.history as Json[]).map((h) => h.kind)).toEqual(['opened', 'acknowledged']);
    });

    it('returns an acknowledged alert to firing when its severity is raised', async () => {
      const before = await alertOnce(ZONES.ack, (a) => expect(a.state).toBe('acknowledged'));
      await publish(signal(ZONES.ack, 'orange', 'yellow', 1.3));
      const raised = await alertOnce(ZONES.ack, (a) => expect(a.severity).toBe('orange'));
      expect(raised).toMatchObject({ id: before.id, state: 'firing', severity: 'orange', peakSeverity: 'orange', episode: 1 });
      expect(raised).not.toHaveProperty('acknowledgedBy');
      expect(raised).not.toHaveProperty('acknowledgedAt');
      expect(raised.nextEscalationAt).toEqual(expect.any(String));
      expect((raised.history as Json[]).at(-1)).toMatchObject({ kind: 'severity-raised', by: 'evaluator', severity: 'orange', previousSeverity: 'yellow' });
      expect((raised.history as Json[]).at(-1).reason).toContain('ops-anna');
      // Firing again, it can be acknowledged again.
      const reacked = await alerting.call('POST', `${alertPath(ZONES.ack)}/acknowledge`, { by: 'ops-bo' });
      expect(reacked.status).toBe(200);
      expect(reacked.body).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'ops-bo' });
    });
  });

  describe('comment and resolve', () => {
    it('adds a comment to the audit trail, requires a reason to resolve by hand, and resolves only once', async () => {
      await publish(signal(ZONES.resolve, 'yellow', null, 1.02));
      await alertOnce(ZONES.resolve);

      const commented = await alerting.call('POST', `${alertPath(ZONES.resolve)}/comments`, { by: 'ops-carl', text: 'sandbags at the quay' });
      expect(commented.status).toBe(201);
      expect((commented.body.history as Json[]).at(-1)).toMatchObject({ kind: 'commented', by: 'ops-carl', reason: 'sandbags at the quay' });
      expect(commented.body.state).toBe('firing');
      const stored = (await alerting.call('GET', alertPath(ZONES.resolve))).body;
      expect((stored.history as Json[]).map((h) => [h.kind, h.by])).toEqual([
        ['opened', 'evaluator'],
        ['commented', 'ops-carl'],
      ]);

      const emptyComment = await alerting.call('POST', `${alertPath(ZONES.resolve)}/comments`, { by: 'ops-carl', text: '   ' });
      expect(emptyComment.status).toBe(400);

      const noReason = await alerting.call('POST', `${alertPath(ZONES.resolve)}/resolve`, { by: 'ops-carl' });
      expect(noReason.status).toBe(400);
      expect(noReason.body.error).toBe('invalid-request');
      expect(noReason.body.message).toContain('reason');

      const resolved = await alerting.call('POST', `${alertPath(ZONES.resolve)}/resolve`, { by: 'ops-carl', reason: 'gauge under repair; water is gone' });
      expect(resolved.status).toBe(200);
      expect(resolved.body).toMatchObject({ state: 'resolved', resolvedBy: 'ops-carl', nextEscalationAt: null });
      expect(resolved.body.resolvedAt).toEqual(expect.any(String));
      expect((resolved.body.history as Json[]).at(-1)).toMatchObject({ kind: 'resolved', by: 'ops-carl', reason: 'gauge under repair; water is gone', previousSeverity: 'yellow' });

      const again = await alerting.call('POST', `${alertPath(ZONES.resolve)}/resolve`, { by: 'ops-carl', reason: 'once more' });
      expect(again.status).toBe(409);
      expect(again.body.error).toBe('already-resolved');

      const open = await alerting.call('GET', `/v1/alerts?state=open&zoneId=${ZONES.resolve}`);
      expect(open.body).toEqual([]);
      const closed = await alerting.call('GET', `/v1/alerts?state=resolved&zoneId=${ZONES.resolve}`);
      expect((closed.body as Json[]).map((a) => a.id)).toEqual([alertIdOf(ZONES.resolve)]);
    });
  });

  describe('silences', () => {
    let silenceId: string;
    let silenceEndsAt: string;

    it('creates a silence and lists it among the current ones', async () => {
      const endsAt = new Date(Date.now() + 3_600_000).toISOString();
      silenceEndsAt = endsAt;
      const created = await alerting.call('POST', '/v1/silences', { matchers: { zoneId: ZONES.silenced }, endsAt, author: 'ops-dora', reason: 'pump works at the harbour' });
      expect(created.status).toBe(201);
      expect(created.body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(created.body).toMatchObject({ kind: 'silence', matchers: { zoneId: ZONES.silenced }, author: 'ops-dora', expiredBy: null });
      expect(Date.parse(created.body.endsAt)).toBe(Date.parse(endsAt));
      silenceId = created.body.id;

      const list = await alerting.call('GET', '/v1/silences');
      expect(list.status).toBe(200);
      expect((list.body as Json[]).map((s) => s.id)).toContain(silenceId);
    });

    it('silences a new alert of the zone: recorded, not escalated before the silence ends, no webhook — while an unsilenced alert pages the route', async () => {
      expect(silenceId).toBeDefined();
      // Stamped after the silence started, as a live signal would be.
      await publish(signal(ZONES.silenced, 'orange', null, 1.3), signal(ZONES.loud, 'orange', null, 1.3));

      const silenced = await alertOnce(ZONES.silenced);
      expect(silenced).toMatchObject({ state: 'firing', silencedBy: silenceId, escalationLevel: 0 });
      // Escalation is looked at again only when the silence ends.
      expect(Date.parse(silenced.nextEscalationAt)).toBe(Date.parse(silenceEndsAt));
      const change = (silenced.history as Json[]).find((h) => h.kind === 'silenced');
      expect(change).toMatchObject({ kind: 'silenced', by: 'ops-dora' });
      expect(change.reason).toContain(silenceId);

      const loud = await alertOnce(ZONES.loud);
      expect(loud.state).toBe('firing');
      expect(loud).not.toHaveProperty('silencedBy');
      expect(loud.nextEscalationAt).toEqual(expect.any(String));

      // The outbox entries commit with the alert, so they are there as soon as the alert is.
      const quiet = await notificationsOf(ZONES.silenced);
      expect(quiet.filter((n) => n.channel === 'webhook')).toEqual([]);
      expect(quiet.filter((n) => n.channel === 'kafka').map((n) => n.eventType).sort()).toEqual(['alert.opened', 'alert.silenced']);

      const paged = await notificationsOf(ZONES.loud);
      const webhooks = paged.filter((n) => n.channel === 'webhook');
      expect(webhooks).toEqual([expect.objectContaining({ routeId: ROUTE_ID, eventType: 'alert.opened', alertId: alertIdOf(ZONES.loud) })]);
      expect(paged.filter((n) => n.channel === 'kafka').map((n) => n.eventType)).toEqual(['alert.opened']);

      // ... and the receiver gets exactly the unsilenced one.
      await expectEventually(() => expect(receiver.deliveries.map((d) => d.headers['webhook-id'])).toContain(webhooks[0].id));
      expect(receiver.deliveries.filter((d) => d.body?.data?.alert?.zoneId === ZONES.silenced)).toEqual([]);
    });

    it('ends a silence early: gone from the current silences, still in ?all=true', async () => {
      expect(silenceId).toBeDefined();
      const expired = await alerting.call('POST', `/v1/silences/${silenceId}/expire`, { by: 'ops-dora' });
      expect(expired.status).toBe(204);

      const current = await alerting.call('GET', '/v1/silences');
      expect((current.body as Json[]).map((s) => s.id)).not.toContain(silenceId);
      const all = await alerting.call('GET', '/v1/silences?all=true');
      const ended = (all.body as Json[]).find((s) => s.id === silenceId);
      expect(ended).toMatchObject({ id: silenceId, expiredBy: 'ops-dora' });
      expect(Date.parse(ended.endsAt)).toBeLessThanOrEqual(Date.now());

      const twice = await alerting.call('POST', `/v1/silences/${silenceId}/expire`, { by: 'ops-dora' });
      expect(twice.status).toBe(404);
      expect(twice.body.error).toBe('silence-not-found');
      const notUuid = await alerting.call('POST', '/v1/silences/not-a-uuid/expire', { by: 'ops-dora' });
      expect(notUuid.status).toBe(400);
    });

    it('refuses invalid silences with 400', async () => {
      const now = Date.now();
      const at = (ms: number) => new Date(now + ms).toISOString();
      const base = { matchers: { zoneId: ZONES.silenced }, author: 'ops-dora', reason: 'refused maintenance' };
      const cases: [string, unknown, string][] = [
        ['endsAt before startsAt', { ...base, startsAt: at(2 * 3_600_000), endsAt: at(3_600_000) }, 'invalid-silence'],
        ['endsAt in the past', { ...base, startsAt: at(-2 * 3_600_000), endsAt: at(-3_600_000) }, 'invalid-silence'],
        ['longer than 31 days', { ...base, endsAt: at(32 * 24 * 3_600_000) }, 'invalid-silence'],
        ['an unknown matcher field', { ...base, matchers: { zone: ZONES.silenced }, endsAt: at(3_600_000) }, 'invalid-request'],
      ];
      const answers: [string, number, string][] = [];
      for (const [name, body] of cases) {
        const answer = await alerting.call('POST', '/v1/silences', body);
        answers.push([name, answer.status, answer.body.error]);
      }
      expect(answers).toEqual(cases.map(([name, , error]) => [name, 400, error]));
      const all = await alerting.call('GET', '/v1/silences?all=true');
      expect((all.body as Json[]).filter((s) => s.reason === 'refused maintenance')).toEqual([]);
    });
  });

  describe('escalation', () => {
    it('escalates a red alert nobody acknowledges, and pages the route with a signed alert.escalated webhook', async () => {
      await publish(signal(ZONES.escalating, 'red', null, 1.6));
      const escalated = await alertOnce(ZONES.escalating, (a) => expect(a.escalationLevel).toBeGreaterThanOrEqual(1), { timeoutMs: 10_000, intervalMs: 100 });
      expect(escalated.state).toBe('firing');
      const change = (escalated.history as Json[]).find((h) => h.kind === 'escalated');
      expect(change).toMatchObject({ kind: 'escalated', by: 'evaluator', severity: 'red' });
      // Not before the red escalation time (1.5 s) after it opened.
      expect(Date.parse(change.at) - Date.parse(escalated.openedAt)).toBeGreaterThanOrEqual(ESCALATE_RED_MS);

      const notifications = await notificationsOf(ZONES.escalating);
      const page = notifications
        .filter((n) => n.channel === 'webhook' && n.eventType === 'alert.escalated')
        .sort((a, b) => a.changeIndex - b.changeIndex)[0];
      expect(page).toMatchObject({ routeId: ROUTE_ID, alertId: alertIdOf(ZONES.escalating) });

      const delivery = await expectEventually(() => {
        const d = receiver.deliveries.find((x) => x.headers['webhook-id'] === page.id);
        expect(d).toBeDefined();
        return d!;
      });
      expect(delivery.path).toBe('/hook');
      // Signed with the secret shown when the route was created (Standard Webhooks).
      expect(verifyWebhook(routeCreated.body.secret, delivery.headers, delivery.raw, Math.floor(Date.now() / 1000))).toBe(true);
      expect(delivery.body).toMatchObject({ type: 'alert.escalated', data: { id: page.id, type: 'alert.escalated', change: { kind: 'escalated' } } });
      expect(delivery.body.data.alert.escalationLevel).toBeGreaterThanOrEqual(1);

      // Someone answers at last: escalation stops.
      const acked = await alerting.call('POST', `${alertPath(ZONES.escalating)}/acknowledge`, { by: 'ops-erik' });
      expect(acked.status).toBe(200);
      expect(acked.body.nextEscalationAt).toBeNull();
    });

    it('never escalates an alert acknowledged before its escalation was due', async () => {
      await publish(signal(ZONES.answered, 'red', null, 1.6));
      const opened = await alertOnce(ZONES.answered, () => undefined, { intervalMs: 25 });
      expect(opened.nextEscalationAt).toEqual(expect.any(String));
      const acked = await alerting.call('POST', `${alertPath(ZONES.answered)}/acknowledge`, { by: 'ops-frida' });
      expect(acked.status).toBe(200);
      expect(acked.body).toMatchObject({ state: 'acknowledged', escalationLevel: 0, nextEscalationAt: null });
      // The premise: the acknowledgement came before escalation was due.
      expect(Date.parse(acked.body.acknowledgedAt)).toBeLessThan(Date.parse(opened.nextEscalationAt));

      // Proving something does NOT happen needs a wait: twice the escalation time, many escalation checks.
      await new Promise((r) => setTimeout(r, 2 * ESCALATE_RED_MS));
      const later = (await alerting.call('GET', alertPath(ZONES.answered))).body;
      expect(later).toMatchObject({ state: 'acknowledged', escalationLevel: 0, nextEscalationAt: null });
      expect((later.history as Json[]).map((h) => h.kind)).toEqual(['opened', 'acknowledged']);
      expect((await notificationsOf(ZONES.answered)).filter((n) => n.eventType === 'alert.escalated')).toEqual([]);
    });
  });

  describe('escalation under a silence', () => {
    it('holds escalation of a silenced red alert, and resumes it once the silence has been ended', async () => {
      const created = await alerting.call('POST', '/v1/silences', {
        matchers: { zoneId: ZONES.paused },
        endsAt: new Date(Date.now() + 3_600_000).toISOString(),
        author: 'ops-gustav',
        reason: 'gauge recalibration',
      });
      expect(created.status).toBe(201);
      await publish(signal(ZONES.paused, 'red', null, 1.6));
      const silenced = await alertOnce(ZONES.paused);
      expect(silenced).toMatchObject({ state: 'firing', silencedBy: created.body.id, escalationLevel: 0, nextEscalationAt: created.body.endsAt });

      // Proving something does NOT happen needs a wait: past the red escalation time, it has not escalated.
      await new Promise((r) => setTimeout(r, ESCALATE_RED_MS + 500));
      expect((await alerting.call('GET', alertPath(ZONES.paused))).body).toMatchObject({ escalationLevel: 0, silencedBy: created.body.id });

      const expired = await alerting.call('POST', `/v1/silences/${created.body.id}/expire`, { by: 'ops-gustav' });
      expect(expired.status).toBe(204);
      // Nobody has acknowledged it, and it is long past its escalation time: with the silence gone, it escalates.
      const resumed = await alertOnce(ZONES.paused, (a) => expect(a.escalationLevel).toBeGreaterThanOrEqual(1), { timeoutMs: 10_000, intervalMs: 100 });
      expect(resumed).not.toHaveProperty('silencedBy');
      const kinds = (resumed.history as Json[]).map((h) => h.kind);
      expect(kinds.slice(0, 4)).toEqual(['opened', 'silenced', 'unsilenced', 'escalated']);

      const acked = await alerting.call('POST', `${alertPath(ZONES.paused)}/acknowledge`, { by: 'ops-gustav' });
      expect(acked.status).toBe(200);
    });
  });

  describe('OpenAPI', () => {
    it('documents the alert, silence, route and CAP endpoints at /docs/openapi.json', async () => {
      const answer = await alerting.call('GET', '/docs/openapi.json');
      expect(answer.status).toBe(200);
      expect(Object.keys(answer.body.paths)).toEqual(
        expect.arrayContaining(['/v1/alerts/{id}/acknowledge', '/v1/silences', '/v1/notification-routes', '/v1/cap/alerts.atom']),
      );
    });
  });
});
