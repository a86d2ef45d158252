import { createServer, IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import net, { AddressInfo } from 'node:net';
import { generateWebhookSecret, verifyWebhook } from './standard-webhooks';
import { AddressLookup } from './target-address';
import { WebhookMessage, WebhookSender } from './webhook-sender';

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Receiver {
  url: string;
  port: number;
  received: Received[];
  close(): Promise<void>;
}

type Answer = (req: IncomingMessage, res: ServerResponse, body: string) => void;

/** A real HTTP server on 127.0.0.1 that records every request and answers with `answer`. */
async function startReceiver(answer: Answer): Promise<Receiver> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      answer(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/klimavagt/hook`,
    port,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const answerWith =
  (status: number, headers: Record<string, string> = {}, body = ''): Answer =>
  (_req, res) => {
    res.writeHead(status, headers);
    res.end(body);
  };

let sequence = 0;
function message(): WebhookMessage {
  sequence++;
  return {
    id: `msg_${sequence}_${Date.now()}`,
    timestampSec: Math.floor(Date.now() / 1000),
    body: JSON.stringify({ type: 'alert.opened', zone: 'assens-havn', level: 'orange', n: sequence }),
  };
}

describe('WebhookSender against local receivers', () => {
  const secret = generateWebhookSecret();
  const sender = new WebhookSender({ timeoutMs: 2_000 });
  const receivers: Receiver[] = [];

  async function receiver(answer: Answer): Promise<Receiver> {
    const r = await startReceiver(answer);
    receivers.push(r);
    return r;
  }
  const local = (url: string) => ({ url, secret, allowPrivateNetwork: true });

  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((r) => r.close()));
    jest.restoreAllMocks();
  });

  it('delivers on 2xx: a signed JSON POST the receiver verifies, with the same webhook-id on a resend', async () => {
    const r = await receiver(answerWith(204));
    const msg = message();

    await expect(sender.send(local(r.url), msg)).resolves.toEqual({ kind: 'delivered', status: 204 });
    await expect(sender.send(local(r.url), msg)).resolves.toEqual({ kind: 'delivered', status: 204 });

    expect(r.received).toHaveLength(2);
    for (const request of r.received) {
      expect(request.method).toBe('POST');
      expect(request.url).toBe('/klimavagt/hook');
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers['user-agent']).toBe('Klimavagt-Webhooks/1');
      expect(request.body).toBe(msg.body);
      expect(verifyWebhook(secret, request.headers, request.body, Math.floor(Date.now() / 1000))).toBe(true);
    }
    expect(r.received.map((q) => q.headers['webhook-id'])).toEqual([msg.id, msg.id]);
    expect(r.received[0].headers['webhook-timestamp']).toBe(String(msg.timestampSec));
    // A receiver holding another secret must not be fooled.
    expect(verifyWebhook(generateWebhookSecret(), r.received[0].headers, msg.body, msg.timestampSec)).toBe(
      false,
    );
  });

  it('treats any 2xx as delivered (200 with a body, 202)', async () => {
    const ok = await receiver(answerWith(200, { 'content-type': 'application/json' }, '{"received":true}'));
    const accepted = await receiver(answerWith(202));
    await expect(sender.send(local(ok.url), message())).resolves.toEqual({ kind: 'delivered', status: 200 });
    await expect(sender.send(local(accepted.url), message())).resolves.toEqual({
      kind: 'delivered',
      status: 202,
    });
  });

  it('retries on 500, quoting the answer', async () => {
    const r = await receiver(answerWith(500, {}, 'database down'));
    await expect(sender.send(local(r.url), message())).resolves.toEqual({
      kind: 'retry',
      status: 500,
      reason: 'receiver answered 500: database down',
    });
  });

  it('retries when the receiver never answers, once its timeout has passed', async () => {
    const r = await receiver(() => undefined); // reads the request, never writes a response
    const impatient = new WebhookSender({ timeoutMs: 300 });
    await expect(impatient.send(local(r.url), message())).resolves.toEqual({
      kind: 'retry',
      reason: 'no complete answer within 300 ms',
    });
    expect(r.received).toHaveLength(1);
  });

  it('does not follow a 302 to the cloud metadata endpoint: retry, naming the Location', async () => {
    const location = 'http://169.254.169.254/latest/meta-data';
    const r = await receiver(answerWith(302, { location }));
    await expect(sender.send(local(r.url), message())).resolves.toEqual({
      kind: 'retry',
      status: 302,
      reason: `redirect to ${location} not followed (HTTP 302)`,
    });
  });

  it.each([301, 302, 303, 307, 308])(
    'does not follow a %i to another reachable server: that server receives nothing',
    async (status) => {
      const elsewhere = await receiver(answerWith(200));
      const r = await receiver(answerWith(status, { location: elsewhere.url }));
      await expect(sender.send(local(r.url), message())).resolves.toEqual({
        kind: 'retry',
        status,
        reason: `redirect to ${elsewhere.url} not followed (HTTP ${status})`,
      });
      expect(r.received).toHaveLength(1);
      expect(elsewhere.received).toHaveLength(0);
    },
  );

  it('reports 410 as gone: the endpoint asks to be disabled', async () => {
    const r = await receiver(answerWith(410));
    await expect(sender.send(local(r.url), message())).resolves.toEqual({
      kind: 'gone',
      status: 410,
      reason: 'receiver answered 410 Gone',
    });
  });

  it('retries on 429 with the Retry-After in milliseconds', async () => {
    const r = await receiver(answerWith(429, { 'retry-after': '7' }));
    await expect(sender.send(local(r.url), message())).resolves.toEqual({
      kind: 'retry',
      status: 429,
      reason: 'receiver answered 429',
      retryAfterMs: 7_000,
    });
  });

  it('reads an HTTP-date Retry-After of a 503 against the time the answer arrived', async () => {
    const r = await receiver(answerWith(503, { 'retry-after': 'Sun, 20 Oct 2024 12:02:00 GMT' }));
    const clocked = new WebhookSender({ timeoutMs: 2_000, now: () => new Date('2024-10-20T12:00:00Z') });
    await expect(clocked.send(local(r.url), message())).resolves.toMatchObject({
      kind: 'retry',
      status: 503,
      retryAfterMs: 120_000,
    });
  });

  it('retries on other 4xx answers (400, 401, 404), without a retryAfterMs', async () => {
    for (const status of [400, 401, 404]) {
      const r = await receiver(answerWith(status, { 'retry-after': '7' }));
      await expect(sender.send(local(r.url), message())).resolves.toEqual({
        kind: 'retry',
        status,
        reason: `receiver answered ${status}`,
      });
    }
  });

  it('retries when nothing listens on the port', async () => {
    const r = await receiver(answerWith(200));
    await r.close();
    await expect(sender.send(local(r.url), message())).resolves.toEqual({
      kind: 'retry',
      reason: expect.stringMatching(/^request failed: ECONNREFUSED/),
    });
  });

  it('refuses http://169.254.169.254/ without any connection attempt when private targets are not allowed', async () => {
    const connect = jest.spyOn(net.Socket.prototype, 'connect');
    const lookup: AddressLookup & jest.Mock = jest.fn();
    const guarded = new WebhookSender({ timeoutMs: 2_000, lookup });

    await expect(
      guarded.send({ url: 'http://169.254.169.254/', secret, allowPrivateNetwork: false }, message()),
    ).resolves.toEqual({ kind: 'refused', reason: '169.254.169.254 is link-local (169.254.0.0/16)' });
    expect(connect).not.toHaveBeenCalled();
    expect(lookup).not.toHaveBeenCalled();

    // The spy does see connections: an allowed delivery goes through it.
    const r = await receiver(answerWith(200));
    await expect(guarded.send(local(r.url), message())).resolves.toEqual({ kind: 'delivered', status: 200 });
    expect(connect).toHaveBeenCalled();
  });

  it('refuses 127.0.0.1 when private targets are not allowed, and the receiver there gets nothing', async () => {
    const r = await receiver(answerWith(200));
    await expect(sender.send({ url: r.url, secret, allowPrivateNetwork: false }, message())).resolves.toEqual(
      {
        kind: 'refused',
        reason: '127.0.0.1 is loopback (127.0.0.0/8)',
      },
    );
    expect(r.received).toHaveLength(0);
  });

  it('refuses a host name that resolves to a private address, without connecting', async () => {
    const connect = jest.spyOn(net.Socket.prototype, 'connect');
    const lookup = jest.fn(async () => [{ address: '10.0.0.7', family: 4 }]);
    const guarded = new WebhookSender({ timeoutMs: 2_000, lookup });
    await expect(
      guarded.send({ url: 'https://hooks.example.dk/x', secret, allowPrivateNetwork: false }, message()),
    ).resolves.toEqual({
      kind: 'refused',
      reason: 'hooks.example.dk resolves to 10.0.0.7, which is private (10.0.0.0/8)',
    });
    expect(connect).not.toHaveBeenCalled();
  });

  it('connects to the address it checked: the name is resolved once, and Host still names it', async () => {
    const r = await receiver(answerWith(200));
    // A rebinding resolver: the first answer passes the check, any later one would point elsewhere.
    const answers = ['127.0.0.1', '10.255.255.1'];
    const lookup = jest.fn(async () => [{ address: answers.shift() ?? '10.255.255.1', family: 4 }]);
    const pinned = new WebhookSender({ timeoutMs: 2_000, lookup });
    const url = `http://receiver.klimavagt.invalid:${r.port}/klimavagt/hook`;

    await expect(pinned.send({ url, secret, allowPrivateNetwork: true }, message())).resolves.toEqual({
      kind: 'delivered',
      status: 200,
    });
    expect(lookup).toHaveBeenCalledTimes(1);
    expect(r.received[0].headers.host).toBe(`receiver.klimavagt.invalid:${r.port}`);
  });

  it('retries when the host name does not resolve', async () => {
    const lookup = jest.fn(async () => {
      throw Object.assign(new Error('getaddrinfo EAI_AGAIN hooks.example.dk'), { code: 'EAI_AGAIN' });
    });
    const unlucky = new WebhookSender({ timeoutMs: 2_000, lookup });
    await expect(
      unlucky.send({ url: 'https://hooks.example.dk/x', secret, allowPrivateNetwork: false }, message()),
    ).resolves.toEqual({ kind: 'retry', reason: 'cannot resolve hooks.example.dk: EAI_AGAIN' });
  });

  it('refuses a subscription whose secret is not a Standard Webhooks secret, sending nothing', async () => {
    const r = await receiver(answerWith(200));
    await expect(
      sender.send({ url: r.url, secret: 'whsec_not base64!', allowPrivateNetwork: true }, message()),
    ).resolves.toEqual({ kind: 'refused', reason: expect.stringMatching(/^webhook secret must be/) });
    expect(r.received).toHaveLength(0);
  });
});
