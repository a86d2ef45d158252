// Notifications are never lost: the alerting app is SIGKILLed during a webhook delivery and right after a
// resolve, restarted, and every notification still arrives at least once, always under the same webhook-id.
// Receivers that fail (500), time out, redirect to the metadata address, answer 410 or 429 each get the
// behaviour Standard Webhooks delivery promises, and a target in a link-local range is refused outright.
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { ALL_TOPICS, AlertSignalsV1 } from '@klimavagt/contracts';
import { signalId, type AlertSignal, type IdentifiedAlertSignal } from '@klimavagt/domain';
import { createKafka, ensureTopics, EventPublisher } from '@klimavagt/messaging';
import { verifyWebhook } from '@klimavagt/notifications';
import { NotificationOutboxRepository, NotificationStatus } from '@klimavagt/storage';
import { createTestDatabase, expectEventually, jsonClient, reportedPort, spawnService, TestDatabase, testKafkaBrokers, uniqueName, type ServiceProcess } from '@klimavagt/test-harness';

interface Received {
  id: string;
  type: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the webhook body's data as sent
  data: any;
  signed: boolean;
  at: number;
}

/** A local webhook receiver whose answer the test decides per request. */
class Receiver {
  readonly received: Received[] = [];
  secret = '';
  private server!: Server;
  port = 0;

  constructor(private readonly answer: (req: IncomingMessage, res: ServerResponse, nth: number) => void) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const parsed = JSON.parse(body) as { type: string; data: unknown };
        const id = String(req.headers['webhook-id']);
        this.received.push({ id, type: parsed.type, data: parsed.data, signed: verifyWebhook(this.secret, req.headers, body, Math.floor(Date.now() / 1000)), at: Date.now() });
        this.answer(req, res, this.received.length);
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

describe('notification delivery', () => {
  let t: TestDatabase;
  let prefix: string;
  let publisher: EventPublisher;
  let outbox: NotificationOutboxRepository;
  let port: number;
  let app: ServiceProcess | undefined;
  const receivers: Receiver[] = [];
  let releaseSlow: (() => void) | undefined;
  const mails: { to: string[]; raw: string }[] = [];
  const mailServer = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback(null);
      });
    },
  });
  let mailPort = 0;

  // The kill-during-delivery receiver holds its first request until the test has killed the app.
  const slow = new Receiver((_req, res, nth) => {
    if (nth === 1) releaseSlow = () => (res.headersSent ? undefined : res.writeHead(200).end());
    else res.writeHead(200).end();
  });
  const fail500 = new Receiver((_req, res) => res.writeHead(500).end('boom'));
  const silent = new Receiver(() => undefined); // never answers
  const redirect = new Receiver((_req, res) => res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end());
  const gone = new Receiver((_req, res) => res.writeHead(410).end());
  const throttled = new Receiver((_req, res, nth) => (nth === 1 ? res.writeHead(429, { 'retry-after': '8' }).end() : res.writeHead(204).end()));

  const call = (method: string, path: string, body?: unknown) => jsonClient(`http://127.0.0.1:${port}`)(method, path, body);

  async function startApp(): Promise<void> {
    app = spawnService('apps/alerting/src/main.js', {
      DATABASE_URL: t.url,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      KAFKA_TOPIC_PREFIX: prefix,
      // Port 0: every (re)start gets a port of its own, which `call` follows.
      ALERTING_PORT: '0',
      NOTIFY_DISPATCH_INTERVAL_MS: '200',
      NOTIFY_LEASE_MS: '3000',
      WEBHOOK_TIMEOUT_MS: '1000',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(mailPort),
      SMTP_TIMEOUT_MS: '5000',
    });
    port = await reportedPort(app, 'alerting');
    await expectEventually(async () => expect((await call('GET', '/health/ready')).status).toBe(200), { timeoutMs: 30_000, intervalMs: 250 });
  }

  async function kill(): Promise<void> {
    app!.child.kill('SIGKILL');
    await app!.exited;
    app = undefined;
  }

  const signal = (zoneId: string, kind: AlertSignal['kind'], severity: AlertSignal['severity'], previousSeverity: AlertSignal['severity']): IdentifiedAlertSignal => {
    const s: AlertSignal = {
      kind,
      fingerprint: `${zoneId}:coastal-flooding:vandstand`,
      zoneId,
      hazard: 'coastal-flooding',
      ruleId: 'vandstand',
      severity,
      previousSeverity,
      capSeverity: severity === 'red' ? 'Extreme' : severity === 'orange' ? 'Severe' : severity === 'yellow' ? 'Moderate' : null,
      votes: [],
      at: new Date().toISOString(),
    };
    return { ...s, signalId: signalId(s) };
  };

  async function route(id: string, receiver: Receiver | string, allowPrivateNetwork = true): Promise<void> {
    const answer = await call('POST', '/v1/notification-routes', {
      id,
      name: id,
      channel: 'webhook',
      target: typeof receiver === 'string' ? receiver : receiver.url(),
      matchers: { zoneIds: [id] },
      allowPrivateNetwork,
    });
    expect(answer.status).toBe(201);
    if (typeof receiver !== 'string') receiver.secret = answer.body.secret;
  }

  const notificationsOf = async (alertId: string): Promise<NotificationStatus[]> =>
    (await outbox.list({ alertId, limit: 100 })).filter((n) => n.channel === 'webhook');
  const alertOf = (zoneId: string) => `${zoneId}:coastal-flooding:vandstand#1`;

  beforeAll(async () => {
    t = await createTestDatabase('postgres');
    outbox = new NotificationOutboxRepository(t.db);
    prefix = `${uniqueName('delivery')}.`;
    const kafka = createKafka({ brokers: testKafkaBrokers(), clientId: 'delivery-test', connectTimeoutMs: 5_000, requestTimeoutMs: 30_000 });
    await ensureTopics(kafka, ALL_TOPICS.map((topic) => ({ topic: prefix + topic, numPartitions: 3, replicationFactor: 1 })));
    publisher = new EventPublisher(kafka, { publishTimeoutMs: 15_000, topicPrefix: prefix });
    for (const r of [slow, fail500, silent, redirect, gone, throttled]) receivers.push(await r.start());
    await new Promise<void>((resolve) => mailServer.listen(0, '127.0.0.1', () => resolve()));
    mailPort = (mailServer.server.address() as AddressInfo).port;
    await startApp();
    await route('z-slow', slow);
    await route('z-500', fail500);
    await route('z-timeout', silent);
    await route('z-redirect', redirect);
    await route('z-gone', gone);
    await route('z-429', throttled);
    await route('z-metadata', 'http://169.254.169.254/latest/meta-data/', false);
    const mailRoute = await call('POST', '/v1/notification-routes', {
      id: 'z-mail',
      name: 'Vagthavende',
      channel: 'email',
      target: 'vagt@assens.example, beredskab@fyn.example',
      matchers: { zoneIds: ['z-mail'], minSeverity: 'orange' },
    });
    expect(mailRoute.status).toBe(201);
  }, 90_000);

  afterAll(async () => {
    if (app) await kill();
    releaseSlow?.();
    for (const r of receivers) await r.stop();
    await new Promise<void>((resolve) => mailServer.close(() => resolve()));
    await publisher?.disconnect();
    await t?.close();
  });

  it('survives SIGKILL during a delivery and right after a resolve: every notification arrives, each under one stable id', async () => {
    await publisher.publish(AlertSignalsV1, [signal('z-slow', 'firing', 'orange', null)]);
    // The receiver has the request in hand and has not answered: kill the app now.
    await expectEventually(() => expect(slow.received).toHaveLength(1), { timeoutMs: 20_000 });
    await kill();
    releaseSlow!();
    const firstId = slow.received[0].id;
    await startApp();
    // The lease runs out and the same notification goes out again under the same id.
    await expectEventually(() => expect(slow.received.filter((r) => r.id === firstId).length).toBeGreaterThanOrEqual(2), { timeoutMs: 30_000 });
    await expectEventually(async () => expect((await notificationsOf(alertOf('z-slow')))[0]?.state).toBe('delivered'));

    // Resolve, and kill the moment the resolve is committed (before or during its delivery).
    await publisher.publish(AlertSignalsV1, [signal('z-slow', 'resolved', null, 'orange')]);
    await expectEventually(async () => expect((await call('GET', `/v1/alerts/${encodeURIComponent(alertOf('z-slow'))}`)).body.state).toBe('resolved'), { timeoutMs: 20_000, intervalMs: 50 });
    await kill();
    await startApp();
    await expectEventually(() => expect(slow.received.some((r) => r.type === 'alert.resolved')).toBe(true), { timeoutMs: 30_000 });

    const stored = await notificationsOf(alertOf('z-slow'));
    await expectEventually(async () => expect((await notificationsOf(alertOf('z-slow'))).every((n) => n.state === 'delivered')).toBe(true));
    expect(stored.map((n) => n.eventType).sort()).toEqual(['alert.opened', 'alert.resolved']);
    // Every stored notification reached the receiver; every id carried one and the same payload, signed.
    for (const n of stored) {
      const copies = slow.received.filter((r) => r.id === n.id);
      expect(copies.length).toBeGreaterThanOrEqual(1);
      expect(new Set(copies.map((c) => JSON.stringify(c.data))).size).toBe(1);
    }
    expect(slow.received.every((r) => r.signed)).toBe(true);
    expect(new Set(slow.received.map((r) => r.id))).toEqual(new Set(stored.map((n) => n.id)));
  }, 150_000);

  it('retries a 500 with growing backoff and keeps the id; success is 2xx only', async () => {
    await publisher.publish(AlertSignalsV1, [signal('z-500', 'firing', 'yellow', null)]);
    await expectEventually(() => expect(fail500.received.length).toBeGreaterThanOrEqual(2), { timeoutMs: 30_000 });
    const [n] = await notificationsOf(alertOf('z-500'));
    expect(n).toMatchObject({ state: 'pending', lastStatus: 500 });
    expect(n.attempts).toBeGreaterThanOrEqual(2);
    expect(Date.parse(n.nextAttemptAt)).toBeGreaterThan(Date.parse(n.lastAttemptAt!));
    expect(new Set(fail500.received.map((r) => r.id))).toEqual(new Set([n.id]));
    // The first retry waits 2.5–5 s (5 s base, jitter), not a busy loop.
    expect(fail500.received[1].at - fail500.received[0].at).toBeGreaterThanOrEqual(2_000);
  }, 60_000);

  it('treats a receiver that never answers as a failed attempt and retries', async () => {
    await publisher.publish(AlertSignalsV1, [signal('z-timeout', 'firing', 'yellow', null)]);
    await expectEventually(async () => {
      const [n] = await notificationsOf(alertOf('z-timeout'));
      expect(n).toMatchObject({ state: 'pending' });
      expect(n.attempts).toBeGreaterThanOrEqual(1);
      expect(n.lastError).toMatch(/no complete answer within 1000 ms/);
    }, { timeoutMs: 30_000 });
  }, 60_000);

  it('does not follow a redirect to 169.254.169.254: the attempt fails and is retried', async () => {
    await publisher.publish(AlertSignalsV1, [signal('z-redirect', 'firing', 'yellow', null)]);
    await expectEventually(async () => {
      const [n] = await notificationsOf(alertOf('z-redirect'));
      expect(n).toMatchObject({ state: 'pending', lastStatus: 302 });
      expect(n.lastError).toMatch(/169\.254\.169\.254.*not followed/);
    }, { timeoutMs: 30_000 });
    expect(redirect.received).toHaveLength(1);
  }, 60_000);

  it('disables the route on 410 Gone and sends it nothing more', async () => {
    await publisher.publish(AlertSignalsV1, [signal('z-gone', 'firing', 'yellow', null)]);
    await expectEventually(async () => {
      const [n] = await notificationsOf(alertOf('z-gone'));
      expect(n).toMatchObject({ state: 'failed', lastStatus: 410 });
    }, { timeoutMs: 30_000 });
    const routeAfter = await call('GET', '/v1/notification-routes/z-gone');
    expect(routeAfter.body).toMatchObject({ enabled: false });
    expect(routeAfter.body.disabledReason).toMatch(/410/);
    // A later change of the same alert pages nobody on that route.
    await publisher.publish(AlertSignalsV1, [signal('z-gone', 'firing', 'red', 'yellow')]);
    await expectEventually(async () => expect((await call('GET', `/v1/alerts/${encodeURIComponent(alertOf('z-gone'))}`)).body.severity).toBe('red'));
    expect(await notificationsOf(alertOf('z-gone'))).toHaveLength(1);
    expect(gone.received).toHaveLength(1);
  }, 60_000);

  it('honours 429 Retry-After: the next attempt waits the 8 s asked for (longer than its own backoff), then succeeds', async () => {
    await publisher.publish(AlertSignalsV1, [signal('z-429', 'firing', 'yellow', null)]);
    await expectEventually(() => expect(throttled.received).toHaveLength(2), { timeoutMs: 30_000 });
    expect(throttled.received[1].at - throttled.received[0].at).toBeGreaterThanOrEqual(7_500);
    expect(throttled.received[1].id).toBe(throttled.received[0].id);
    await expectEventually(async () => expect((await notificationsOf(alertOf('z-429')))[0]).toMatchObject({ state: 'delivered', attempts: 2 }));
  }, 60_000);

  it('refuses a target in a link-local range (the cloud metadata address) without retrying', async () => {
    await publisher.publish(AlertSignalsV1, [signal('z-metadata', 'firing', 'yellow', null)]);
    await expectEventually(async () => {
      const [n] = await notificationsOf(alertOf('z-metadata'));
      expect(n).toMatchObject({ state: 'failed', attempts: 1 });
      expect(n.lastError).toMatch(/169\.254\.169\.254 is link-local/);
    }, { timeoutMs: 30_000 });
  }, 60_000);

  it('emails the route recipients through SMTP, Danish then English, the notification id as Message-ID; below minSeverity nothing', async () => {
    await publisher.publish(AlertSignalsV1, [signal('z-mail', 'firing', 'yellow', null)]);
    await expectEventually(async () => expect((await call('GET', `/v1/alerts/${encodeURIComponent(alertOf('z-mail'))}`)).status).toBe(200));
    await publisher.publish(AlertSignalsV1, [signal('z-mail', 'firing', 'red', 'yellow')]);
    await expectEventually(async () => {
      const [n] = (await outbox.list({ alertId: alertOf('z-mail'), limit: 100 })).filter((x) => x.channel === 'email');
      expect(n).toMatchObject({ state: 'delivered', eventType: 'alert.severity-raised' });
    }, { timeoutMs: 30_000 });
    const [n] = (await outbox.list({ alertId: alertOf('z-mail'), limit: 100 })).filter((x) => x.channel === 'email');
    expect(mails).toHaveLength(1);
    expect(mails[0].to.sort()).toEqual(['beredskab@fyn.example', 'vagt@assens.example']);
    // Headers may be folded onto a second line, and their names are case-insensitive.
    const unfolded = mails[0].raw.replace(/\r?\n[ \t]+/g, ' ').toLowerCase();
    expect(unfolded).toContain(`message-id: <${Buffer.from(n.id).toString('base64url')}@klimavagt>`.toLowerCase());
    expect(unfolded).toContain(`x-klimavagt-notification-id: ${n.id}`.toLowerCase());
    expect(mails[0].raw).toMatch(/Subject: .*R=C3=B8d|Subject: =\?UTF-8\?/);
    expect(mails[0].raw).toContain('English');
  }, 60_000);
});
