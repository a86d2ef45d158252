import { createHmac } from 'node:crypto';
import {
  generateWebhookSecret,
  signWebhook,
  verifyWebhook,
  webhookHeaders,
  webhookSecretKey,
  WebhookSecretError,
} from './standard-webhooks';

// The vector of the Standard Webhooks reference library
// (standard-webhooks/standard-webhooks, libraries/javascript/src/webhook.test.ts, "sign function works").
const SPEC_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const SPEC_ID = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const SPEC_TIMESTAMP = 1614265330;
const SPEC_BODY = '{"test": 2432232314}';
const SPEC_SIGNATURE = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';

const NOW = 1_729_425_600;
const BODY = JSON.stringify({ alert: 'stormflod', zone: 'assens-havn', level: 'red' });

function headersFor(secret: string, id = 'msg_1', timestampSec = NOW, body = BODY) {
  return webhookHeaders(secret, { id, timestampSec, body });
}

describe('Standard Webhooks signing', () => {
  it('matches the reference library test vector', () => {
    expect(signWebhook(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY)).toBe(SPEC_SIGNATURE);
  });

  it('signs HMAC-SHA256 over "id.timestamp.body" with the base64-decoded key, as node crypto computes it', () => {
    const key = Buffer.from('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'base64');
    const body = '{"tekst":"Højvande ved Assens – 1,8 m"}';
    const independent = createHmac('sha256', key).update(`msg_2.${NOW}.${body}`, 'utf8').digest('base64');
    expect(signWebhook(SPEC_SECRET, 'msg_2', NOW, body)).toBe(`v1,${independent}`);
  });

  it('accepts the secret with or without the whsec_ prefix', () => {
    expect(signWebhook('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY)).toBe(
      SPEC_SIGNATURE,
    );
  });

  it('refuses secrets that are empty or not base64 instead of signing with a mangled key', () => {
    for (const bad of ['', 'whsec_', 'whsec_not base64!', 'whsec_abc']) {
      expect(() => signWebhook(bad, 'msg', NOW, BODY)).toThrow(WebhookSecretError);
    }
  });

  it('puts id, timestamp and signature into the three webhook-* headers', () => {
    expect(headersFor(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY)).toEqual({
      'webhook-id': SPEC_ID,
      'webhook-timestamp': String(SPEC_TIMESTAMP),
      'webhook-signature': SPEC_SIGNATURE,
    });
  });
});

describe('verifyWebhook', () => {
  const secret = generateWebhookSecret();

  it('round-trips: what signWebhook signs, verifyWebhook accepts', () => {
    expect(verifyWebhook(secret, headersFor(secret), BODY, NOW)).toBe(true);
  });

  it('verifies the reference vector', () => {
    const headers = {
      'webhook-id': SPEC_ID,
      'webhook-timestamp': String(SPEC_TIMESTAMP),
      'webhook-signature': SPEC_SIGNATURE,
    };
    expect(verifyWebhook(SPEC_SECRET, headers, SPEC_BODY, SPEC_TIMESTAMP)).toBe(true);
  });

  it('fails for a tampered body, id or timestamp', () => {
    const headers = headersFor(secret);
    expect(verifyWebhook(secret, headers, BODY.replace('red', 'green'), NOW)).toBe(false);
    expect(verifyWebhook(secret, { ...headers, 'webhook-id': 'msg_2' }, BODY, NOW)).toBe(false);
    expect(verifyWebhook(secret, { ...headers, 'webhook-timestamp': String(NOW - 1) }, BODY, NOW)).toBe(
      false,
    );
  });

  it('fails with another secret', () => {
    expect(verifyWebhook(generateWebhookSecret(), headersFor(secret), BODY, NOW)).toBe(false);
  });

  it('accepts a timestamp up to the tolerance away either way, and not one second more', () => {
    const signedAt = (ts: number) => headersFor(secret, 'msg_1', ts);
    expect(verifyWebhook(secret, signedAt(NOW - 300), BODY, NOW)).toBe(true);
    expect(verifyWebhook(secret, signedAt(NOW + 300), BODY, NOW)).toBe(true);
    expect(verifyWebhook(secret, signedAt(NOW - 301), BODY, NOW)).toBe(false);
    expect(verifyWebhook(secret, signedAt(NOW + 301), BODY, NOW)).toBe(false);
    expect(verifyWebhook(secret, signedAt(NOW - 301), BODY, NOW, 600)).toBe(true);
    expect(verifyWebhook(secret, signedAt(NOW - 2), BODY, NOW, 1)).toBe(false);
  });

  it('accepts one valid signature among several space-separated ones, ignoring other versions', () => {
    const valid = headersFor(secret)['webhook-signature'];
    const other = signWebhook(generateWebhookSecret(), 'msg_1', NOW, BODY);
    const v2 = valid.replace('v1,', 'v2,');
    const headers = { ...headersFor(secret), 'webhook-signature': `${other} ${v2} ${valid}` };
    expect(verifyWebhook(secret, headers, BODY, NOW)).toBe(true);
    expect(verifyWebhook(secret, { ...headers, 'webhook-signature': `${other} ${v2}` }, BODY, NOW)).toBe(
      false,
    );
  });

  it('fails for truncated, empty and garbage signatures', () => {
    const valid = headersFor(secret)['webhook-signature'];
    for (const signature of [valid.slice(0, 8), 'v1,', 'v1', '', `${valid}!!`, 'v1,dawfeoifkpqwoekfpqoekf']) {
      const headers = { ...headersFor(secret), 'webhook-signature': signature };
      expect([signature, verifyWebhook(secret, headers, BODY, NOW)]).toEqual([signature, false]);
    }
  });

  it('fails when a header is missing or the timestamp is not whole seconds', () => {
    const full = headersFor(secret);
    for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const) {
      const headers: Record<string, string> = { ...full };
      delete headers[name];
      expect([name, verifyWebhook(secret, headers, BODY, NOW)]).toEqual([name, false]);
    }
    expect(verifyWebhook(secret, { ...full, 'webhook-timestamp': `${NOW}.0` }, BODY, NOW)).toBe(false);
    expect(verifyWebhook(secret, { ...full, 'webhook-timestamp': 'hello' }, BODY, NOW)).toBe(false);
  });

  it('matches header names case-insensitively', () => {
    const h = headersFor(secret);
    const shouted = {
      'Webhook-Id': h['webhook-id'],
      'WEBHOOK-TIMESTAMP': h['webhook-timestamp'],
      'Webhook-Signature': h['webhook-signature'],
    };
    expect(verifyWebhook(secret, shouted, BODY, NOW)).toBe(true);
  });
});

describe('generateWebhookSecret', () => {
  it('makes whsec_ secrets of 24 random bytes, different every time', () => {
    const a = generateWebhookSecret();
    const b = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(webhookSecretKey(a)).toHaveLength(24);
    expect(a).not.toBe(b);
  });
});
