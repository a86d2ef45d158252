// Owns one e-mail delivery attempt over SMTP and what the server's answer means for retrying.
import { createTransport, type NodemailerError } from 'nodemailer';
import { DeliveryOutcome } from './delivery-outcome';

export interface SmtpSenderOptions {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS is used when the server offers it. */
  secure: boolean;
  from: string;
  /** Bounds connecting, waiting for the greeting, and each silence on the socket. */
  timeoutMs: number;
  auth?: { user: string; pass: string };
}

export interface SmtpMail {
  /** Stays the same across retries of one notification, so duplicates are recognisable. */
  id: string;
  to: string[];
  subject: string;
  text: string;
  html?: string;
}

export const NOTIFICATION_ID_HEADER = 'X-Klimavagt-Notification-Id';

/** Replies that say this mailbox will never take mail (RFC 5321: no such user, not local, bad syntax). */
const INVALID_RECIPIENT_CODES = new Set([550, 551, 553]);

export class SmtpSender {
  private readonly transport;

  constructor(private readonly opts: SmtpSenderOptions) {
    this.transport = createTransport({
      host: opts.host,
      port: opts.port,
      secure: opts.secure,
      auth: opts.auth,
      connectionTimeout: opts.timeoutMs,
      greetingTimeout: opts.timeoutMs,
      socketTimeout: opts.timeoutMs,
    });
  }

  /** One attempt; never throws for a failed delivery, the outcome says what to do next. */
  async send(mail: SmtpMail): Promise<DeliveryOutcome> {
    try {
      const info = await this.transport.sendMail({
        from: this.opts.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html === undefined ? {} : { html: mail.html }),
        // Derived from the notification, not generated per attempt: a retry after a lost "250 OK" is
        // then the same message to mail servers and clients, and the header survives gateways that rewrite it.
        // RFC 5322 allows no ":" or "/" in a message id's left part: the id goes in base64url (and raw in the header below).
        messageId: `<${Buffer.from(mail.id).toString('base64url')}@klimavagt>`,
        headers: { [NOTIFICATION_ID_HEADER]: mail.id },
      });
      const rejected = info.rejected.map(String);
      return {
        kind: 'delivered',
        status: replyCode(info.response) ?? 250,
        ...(rejected.length > 0 ? { rejectedRecipients: rejected } : {}),
      };
    } catch (error) {
      return classifyFailure(error as NodemailerError);
    }
  }

  close(): void {
    this.transport.close();
  }
}

function classifyFailure(error: NodemailerError): DeliveryOutcome {
  const reply = error.response ? `: ${error.response}` : '';
  if (error.command === 'RCPT TO' && isInvalidRecipient(error)) {
    const who = error.rejected?.length ? ` (${error.rejected.join(', ')})` : '';
    return { kind: 'refused', reason: `recipient rejected${who}${reply}` };
  }
  const what = [error.code, error.command, error.responseCode].filter((x) => x !== undefined).join(' ');
  return {
    kind: 'retry',
    reason: `SMTP ${what || 'failure'}${reply || `: ${error.message}`}`,
    ...(error.responseCode === undefined ? {} : { status: error.responseCode }),
  };
}

/** Refused only if every rejected recipient got a permanent "no such mailbox"; one deferral means retry. */
function isInvalidRecipient(error: NodemailerError): boolean {
  const codes = error.rejectedErrors?.length
    ? error.rejectedErrors.map((e) => e.responseCode)
    : [error.responseCode];
  return codes.every((code) => code !== undefined && INVALID_RECIPIENT_CODES.has(code));
}

function replyCode(response: string | undefined): number | undefined {
  const m = /^(\d{3})\b/.exec(response ?? '');
  return m ? Number(m[1]) : undefined;
}
