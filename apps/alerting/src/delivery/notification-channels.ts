// One port, three adapters: a leased notification goes out as a signed webhook, an email, or an alert event on
// Kafka; each answers with a DeliveryOutcome and never throws for a failed delivery.
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { KLIMAVAGT_CONFIG, KlimavagtConfig } from '@klimavagt/config';
import { AlertEventsV1 } from '@klimavagt/contracts';
import { EventPublisher } from '@klimavagt/messaging';
import { DeliveryOutcome, SmtpSender, WebhookSender } from '@klimavagt/notifications';
import { EVENT_PUBLISHER } from '@klimavagt/platform';
import type { LeasedNotification, StoredRoute } from '@klimavagt/storage';

@Injectable()
export class NotificationChannels implements OnApplicationShutdown {
  private readonly webhook: WebhookSender;
  private readonly smtp?: SmtpSender;

  constructor(
    @Inject(EVENT_PUBLISHER) private readonly publisher: EventPublisher,
    @Inject(KLIMAVAGT_CONFIG) config: KlimavagtConfig,
  ) {
    this.webhook = new WebhookSender({ timeoutMs: config.WEBHOOK_TIMEOUT_MS, userAgent: 'Klimavagt-Webhooks/1' });
    if (config.SMTP_HOST) {
      this.smtp = new SmtpSender({
        host: config.SMTP_HOST,
        port: config.SMTP_PORT,
        secure: config.SMTP_SECURE,
        from: config.SMTP_FROM,
        timeoutMs: config.SMTP_TIMEOUT_MS,
        ...(config.SMTP_USER && config.SMTP_PASSWORD ? { auth: { user: config.SMTP_USER, pass: config.SMTP_PASSWORD } } : {}),
      });
    }
  }

  async deliver(n: LeasedNotification, route: StoredRoute | undefined, nowSec: number): Promise<DeliveryOutcome> {
    if (n.channel === 'kafka') {
      try {
        await this.publisher.publish(AlertEventsV1, [n.payload]);
        return { kind: 'delivered', status: 200 };
      } catch (error) {
        return { kind: 'retry', reason: (error as Error).message };
      }
    }
    if (!route) return { kind: 'refused', reason: `route ${n.routeId} no longer exists` };
    if (!route.enabled) return { kind: 'refused', reason: `route ${route.id} is disabled: ${route.disabledReason ?? 'by an operator'}` };
    if (n.channel === 'webhook') {
      if (!route.secret) return { kind: 'refused', reason: `route ${route.id} has no signing secret` };
      const body = JSON.stringify({ type: n.eventType, timestamp: new Date(nowSec * 1000).toISOString(), data: n.payload });
      return this.webhook.send(
        { url: route.target, secret: route.secret, allowPrivateNetwork: route.allowPrivateNetwork },
        { id: n.id, timestampSec: nowSec, body },
      );
    }
    if (!this.smtp) return { kind: 'retry', reason: 'email is not configured (SMTP_HOST unset)' };
    const message = n.payload.message;
    return this.smtp.send({
      id: n.id,
      to: route.target.split(',').map((t) => t.trim()).filter(Boolean),
      subject: message?.da.title ?? n.eventType,
      text: message ? `${message.da.title}\n\n${message.da.body}\n\n— English —\n${message.en.title}\n\n${message.en.body}\n` : n.eventType,
    });
  }

  onApplicationShutdown(): void {
    this.smtp?.close();
  }
}
