import { createServer } from 'node:net';
import { AddressInfo } from 'node:net';
import { SMTPServer, SMTPServerAddress, SMTPServerSession } from 'smtp-server';
import { SmtpSender } from './smtp-sender';

interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

interface MailServer {
  port: number;
  mails: ReceivedMail[];
  close(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1 (no TLS, no auth needed) that keeps what it accepts. */
async function startMailServer(
  onRcptTo: (address: SMTPServerAddress, session: SMTPServerSession) => Error | undefined = () => undefined,
): Promise<MailServer> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, session, callback) {
      callback(onRcptTo(address, session) ?? null);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback(null);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return { port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function rejection(code: number, text: string): Error {
  return Object.assign(new Error(text), { responseCode: code });
}

/** A port nothing listens on: bound once by us, then released. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** The value of a (possibly folded) header in a raw RFC 5322 message. */
function header(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}

describe('SmtpSender against a local SMTP server', () => {
  const servers: MailServer[] = [];
  const senders: SmtpSender[] = [];

  async function mailServer(onRcptTo?: Parameters<typeof startMailServer>[0]): Promise<MailServer> {
    const s = await startMailServer(onRcptTo);
    servers.push(s);
    return s;
  }
  function senderFor(port: number, timeoutMs = 5_000): SmtpSender {
    const s = new SmtpSender({
      host: '127.0.0.1',
      port,
      secure: false,
      from: 'varsling@klimavagt.dk',
      timeoutMs,
    });
    senders.push(s);
    return s;
  }

  afterEach(async () => {
    senders.splice(0).forEach((s) => s.close());
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  it('delivers, with the notification id (base64url) as Message-ID and as X-Klimavagt-Notification-Id, subject and body intact', async () => {
    const server = await mailServer();
    const outcome = await senderFor(server.port).send({
      id: 'ntf-2024-10-20-0001',
      to: ['beredskab@assens.dk', 'havn@assens.dk'],
      subject: 'Stormflod: orange varsel for Assens Havn',
      text: 'Vandstanden ventes at naa 1.8 m over DVR90 kl. 05:00.',
      html: '<p>Vandstanden ventes at naa <b>1.8 m</b> over DVR90 kl. 05:00.</p>',
    });

    expect(outcome).toEqual({ kind: 'delivered', status: 250 });
    expect(server.mails).toHaveLength(1);
    const [mail] = server.mails;
    expect(mail.from).toBe('varsling@klimavagt.dk');
    expect(mail.to).toEqual(['beredskab@assens.dk', 'havn@assens.dk']);
    expect(header(mail.raw, 'Message-ID')).toBe(`<${Buffer.from('ntf-2024-10-20-0001').toString('base64url')}@klimavagt>`);
    expect(header(mail.raw, 'X-Klimavagt-Notification-Id')).toBe('ntf-2024-10-20-0001');
    expect(header(mail.raw, 'Subject')).toBe('Stormflod: orange varsel for Assens Havn');
    expect(mail.raw).toContain('Vandstanden ventes at naa 1.8 m over DVR90 kl. 05:00.');
    expect(mail.raw).toContain('<b>1.8 m</b>');
    expect(header(mail.raw, 'Content-Type')).toMatch(/^multipart\/alternative/);
  });

  it('sends the same Message-ID again when the same notification is retried', async () => {
    const server = await mailServer();
    const sender = senderFor(server.port);
    const mail = { id: 'ntf-dup', to: ['beredskab@assens.dk'], subject: 'Varsel', text: 'Tekst' };
    await expect(sender.send(mail)).resolves.toEqual({ kind: 'delivered', status: 250 });
    await expect(sender.send(mail)).resolves.toEqual({ kind: 'delivered', status: 250 });
    expect(server.mails.map((m) => header(m.raw, 'Message-ID'))).toEqual([
      `<${Buffer.from('ntf-dup').toString('base64url')}@klimavagt>`,
      `<${Buffer.from('ntf-dup').toString('base64url')}@klimavagt>`,
    ]);
    expect(header(server.mails[0].raw, 'Content-Type')).toMatch(/^text\/plain/);
  });

  it('reports a recipient rejected with 550 as refused: retrying would not help', async () => {
    const server = await mailServer(() => rejection(550, 'No such user here'));
    const outcome = await senderFor(server.port).send({
      id: 'ntf-550',
      to: ['ukendt@assens.dk'],
      subject: 'Varsel',
      text: 'Tekst',
    });
    expect(outcome).toEqual({
      kind: 'refused',
      reason: expect.stringMatching(/^recipient rejected \(ukendt@assens\.dk\): 550 No such user here/),
    });
    expect(server.mails).toHaveLength(0);
  });

  it('retries a recipient deferred with 450 (mailbox busy)', async () => {
    const server = await mailServer(() => rejection(450, 'Mailbox busy, try later'));
    const outcome = await senderFor(server.port).send({
      id: 'ntf-450',
      to: ['travl@assens.dk'],
      subject: 'V',
      text: 'T',
    });
    expect(outcome).toEqual({
      kind: 'retry',
      status: 450,
      reason: expect.stringContaining('450 Mailbox busy'),
    });
  });

  it('retries a 5xx that is not about the mailbox (552 storage exceeded)', async () => {
    const server = await mailServer(() => rejection(552, 'Mailbox full'));
    const outcome = await senderFor(server.port).send({
      id: 'ntf-552',
      to: ['fuld@assens.dk'],
      subject: 'V',
      text: 'T',
    });
    expect(outcome).toMatchObject({ kind: 'retry', status: 552 });
  });

  it('delivers to the accepted recipients and reports the rejected ones when only some are refused', async () => {
    const server = await mailServer((address) =>
      address.address.startsWith('ukendt') ? rejection(550, 'No such user here') : undefined,
    );
    const outcome = await senderFor(server.port).send({
      id: 'ntf-partial',
      to: ['beredskab@assens.dk', 'ukendt@assens.dk'],
      subject: 'V',
      text: 'T',
    });
    expect(outcome).toEqual({ kind: 'delivered', status: 250, rejectedRecipients: ['ukendt@assens.dk'] });
    expect(server.mails.map((m) => m.to)).toEqual([['beredskab@assens.dk']]);
  });

  it('retries when the SMTP server is down (nothing listens on the port)', async () => {
    const outcome = await senderFor(await closedPort(), 2_000).send({
      id: 'ntf-down',
      to: ['beredskab@assens.dk'],
      subject: 'V',
      text: 'T',
    });
    expect(outcome).toEqual({
      kind: 'retry',
      reason: expect.stringMatching(/ECONNREFUSED|ECONNECTION|ESOCKET/),
    });
  });
});
