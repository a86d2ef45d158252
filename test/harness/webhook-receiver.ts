// A local webhook receiver that answers 200 and keeps every delivery with its Standard Webhooks signature checked.
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook } from '@klimavagt/notifications';

export interface ReceivedWebhook {
  id: string;
  type: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the webhook body's data as sent
  data: any;
  signed: boolean;
}

export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  /** The route's signing secret, set once the route is created. */
  secret = '';
  private server?: Server;
  private port = 0;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const parsed = JSON.parse(body) as { type: string; data: unknown };
        const signed = verifyWebhook(this.secret, req.headers, body, Math.floor(Date.now() / 1000));
        this.received.push({ id: String(req.headers['webhook-id']), type: parsed.type, data: parsed.data, signed });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** One per webhook-id: what a receiver that deduplicates sees (a redelivery keeps its first arrival). */
  distinct(): ReceivedWebhook[] {
    return [...new Map(this.received.map((r) => [r.id, r])).values()];
  }

  url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}
