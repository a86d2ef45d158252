// Owns Standard Webhooks signing (https://www.standardwebhooks.com/): how receivers know a POST is ours.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const WEBHOOK_ID_HEADER = 'webhook-id';
export const WEBHOOK_TIMESTAMP_HEADER = 'webhook-timestamp';
export const WEBHOOK_SIGNATURE_HEADER = 'webhook-signature';

const SECRET_PREFIX = 'whsec_';
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** The spec's default: long enough for clock skew and queueing, short enough to make replays useless. */
export const DEFAULT_WEBHOOK_TOLERANCE_SEC = 300;

/** Thrown for a secret that is not `whsec_<base64>` (or bare base64): a configuration error, not a bad request. */
export class WebhookSecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookSecretError';
  }
}

/** The HMAC key of a secret: `whsec_` is optional, the rest is base64 of the key bytes. */
export function webhookSecretKey(secret: string): Buffer {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  // Buffer.from(…, 'base64') skips characters it does not know; a typo must not silently shorten the key.
  if (encoded === '' || !BASE64.test(encoded)) {
    throw new WebhookSecretError('webhook secret must be whsec_ followed by non-empty base64');
  }
  return Buffer.from(encoded, 'base64');
}

/** `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, the value of the webhook-signature header. */
export function signWebhook(secret: string, id: string, timestampSec: number, body: string): string {
  return `v1,${hmac(webhookSecretKey(secret), id, timestampSec, body)}`;
}

function hmac(key: Buffer, id: string, timestampSec: number, body: string): string {
  return createHmac('sha256', key).update(`${id}.${timestampSec}.${body}`, 'utf8').digest('base64');
}

/** The three Standard Webhooks headers of one message. */
export function webhookHeaders(
  secret: string,
  message: { id: string; timestampSec: number; body: string },
): Record<string, string> {
  return {
    [WEBHOOK_ID_HEADER]: message.id,
    [WEBHOOK_TIMESTAMP_HEADER]: String(message.timestampSec),
    [WEBHOOK_SIGNATURE_HEADER]: signWebhook(secret, message.id, message.timestampSec, message.body),
  };
}

export type WebhookRequestHeaders = Record<string, string | string[] | undefined>;

/**
 * True when `body` carries a valid v1 signature for its webhook-id and webhook-timestamp, and the timestamp
 * is within toleranceSec of nowSec either way. Several signatures may be sent space-separated (during a
 * secret rotation); one match is enough. Signatures of other versions are ignored. Header names are
 * matched case-insensitively, as HTTP has them.
 */
export function verifyWebhook(
  secret: string,
  headers: WebhookRequestHeaders,
  body: string,
  nowSec: number,
  toleranceSec = DEFAULT_WEBHOOK_TOLERANCE_SEC,
): boolean {
  const key = webhookSecretKey(secret);
  const id = header(headers, WEBHOOK_ID_HEADER);
  const timestampText = header(headers, WEBHOOK_TIMESTAMP_HEADER);
  const signatures = header(headers, WEBHOOK_SIGNATURE_HEADER);
  if (!id || !timestampText || !signatures || !/^\d+$/.test(timestampText)) return false;
  const timestampSec = Number(timestampText);
  if (Math.abs(nowSec - timestampSec) > toleranceSec) return false;

  const expected = Buffer.from(hmac(key, id, timestampSec, body));
  let matched = false;
  for (const entry of signatures.split(' ')) {
    const comma = entry.indexOf(',');
    if (comma < 0 || entry.slice(0, comma) !== 'v1') continue;
    // Compared as text, not decoded: base64 decoding skips stray characters and would accept variants.
    const given = Buffer.from(entry.slice(comma + 1));
    // Every candidate is compared, so the time taken does not tell which one (if any) matched.
    if (given.length === expected.length && timingSafeEqual(given, expected)) matched = true;
  }
  return matched;
}

function header(headers: WebhookRequestHeaders, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  return Array.isArray(value) ? value.join(' ') : value;
}

/** A fresh `whsec_` secret with 24 random bytes (192 bits), as the spec recommends (24 to 64). */
export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(24).toString('base64')}`;
}
