// Owns one webhook delivery attempt: vet the target, POST the signed message to the vetted address, classify.
import http from 'node:http';
import https from 'node:https';
import { isIP, LookupFunction } from 'node:net';
import axios, { AxiosInstance, AxiosResponse } from 'axios';
import { parseRetryAfter } from '@klimavagt/domain';
import { DeliveryOutcome } from './delivery-outcome';
import { webhookHeaders, WebhookSecretError } from './standard-webhooks';
import { AddressLookup, checkWebhookTarget, WebhookTargetVerdict } from './target-address';

export interface WebhookSenderOptions {
  /** Hard deadline of one attempt: DNS, connect, request and the whole answer. */
  timeoutMs: number;
  userAgent?: string;
  lookup?: AddressLookup;
  /** When an answer arrived, for an HTTP-date Retry-After; injectable for tests. */
  now?: () => Date;
}

export interface WebhookTarget {
  url: string;
  secret: string;
  allowPrivateNetwork: boolean;
}

export interface WebhookMessage {
  /** Stays the same across retries of one message, so the receiver can drop duplicates. */
  id: string;
  timestampSec: number;
  body: string;
}

export const DEFAULT_WEBHOOK_USER_AGENT = 'Klimavagt-Webhooks/1';

/** We read answers only to report them; a receiver streaming more than this is misbehaving. */
const MAX_ANSWER_BYTES = 1024 * 1024;
/** Receiver-controlled text (Location, body) that goes into reasons is cut to this, single-line. */
const REASON_SNIPPET_CHARS = 200;

const ABORTED = Symbol('aborted');

export class WebhookSender {
  private readonly http: AxiosInstance = axios.create();
  private readonly now: () => Date;

  constructor(private readonly opts: WebhookSenderOptions) {
    this.now = opts.now ?? (() => new Date());
  }

  /** One attempt; never throws for a failed delivery, the outcome says what to do next. */
  async send(target: WebhookTarget, message: WebhookMessage): Promise<DeliveryOutcome> {
    let headers: Record<string, string>;
    try {
      headers = webhookHeaders(target.secret, message);
    } catch (error) {
      // A broken secret will not mend itself between retries; the subscription needs fixing.
      if (error instanceof WebhookSecretError) return { kind: 'refused', reason: error.message };
      throw error;
    }
    const deadline = AbortSignal.timeout(this.opts.timeoutMs);
    const verdict = await untilAborted(
      checkWebhookTarget(target.url, {
        allowPrivateNetwork: target.allowPrivateNetwork,
        lookup: this.opts.lookup,
      }),
      deadline,
    );
    if (verdict === ABORTED)
      return { kind: 'retry', reason: `could not resolve the target within ${this.opts.timeoutMs} ms` };
    if (!verdict.ok)
      return verdict.retriable
        ? { kind: 'retry', reason: verdict.reason }
        : { kind: 'refused', reason: verdict.reason };
    return this.post(target.url, verdict, headers, message.body, deadline);
  }

  private async post(
    url: string,
    vetted: Extract<WebhookTargetVerdict, { ok: true }>,
    signatureHeaders: Record<string, string>,
    body: string,
    deadline: AbortSignal,
  ): Promise<DeliveryOutcome> {
    // A fresh agent per attempt: no pooled socket from an earlier resolution, and its lookup answers only
    // with the addresses just vetted, so a rebinding DNS server cannot swap in 127.0.0.1 between check and
    // connect. The URL's host name is untouched, so Host and TLS SNI/certificate checks still use it.
    const agentOptions = { keepAlive: false, lookup: pinnedLookup(vetted.addresses) };
    const agent =
      new URL(url).protocol === 'https:' ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
    try {
      const response = await this.http.request<string>({
        method: 'POST',
        url,
        data: body,
        headers: {
          'content-type': 'application/json',
          'user-agent': this.opts.userAgent ?? DEFAULT_WEBHOOK_USER_AGENT,
          ...signatureHeaders,
        },
        timeout: this.opts.timeoutMs,
        signal: deadline,
        maxRedirects: 0, // a redirect could lead anywhere, past the check above
        proxy: false, // an environment proxy would connect on our behalf to an address we never vetted
        httpAgent: agent,
        httpsAgent: agent,
        validateStatus: () => true,
        responseType: 'text',
        transformResponse: [(data: unknown) => data],
        maxContentLength: MAX_ANSWER_BYTES,
      });
      return this.classify(response);
    } catch (error) {
      return transportFailure(error, deadline.aborted, this.opts.timeoutMs);
    } finally {
      agent.destroy();
    }
  }

  private classify(response: AxiosResponse<string>): DeliveryOutcome {
    const status = response.status;
    if (status >= 200 && status < 300) return { kind: 'delivered', status };
    if (status === 410) {
      return { kind: 'gone', status: 410, reason: `receiver answered 410 Gone${bodySnippet(response.data)}` };
    }
    if (status >= 300 && status < 400) {
      const location = headerValue(response, 'location');
      const to = location === undefined ? '(no Location)' : snippet(location);
      return { kind: 'retry', status, reason: `redirect to ${to} not followed (HTTP ${status})` };
    }
    const retryAfterMs =
      status === 429 || status === 503
        ? parseRetryAfter(headerValue(response, 'retry-after'), this.now().toISOString())
        : undefined;
    return {
      kind: 'retry',
      status,
      reason: `receiver answered ${status}${bodySnippet(response.data)}`,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
  }
}

/** Node's lookup contract over a fixed list: the socket can only ever reach these addresses. */
function pinnedLookup(addresses: string[]): LookupFunction {
  const entries = addresses.map((address) => ({ address, family: isIP(address) }));
  return (hostname, options, callback) => {
    const usable = options.family ? entries.filter((e) => e.family === options.family) : entries;
    if (usable.length === 0) {
      const error: NodeJS.ErrnoException = new Error(
        `no vetted IPv${options.family} address for ${hostname}`,
      );
      error.code = 'ENOTFOUND';
      callback(error, '', 0);
    } else if (options.all) {
      callback(null, usable);
    } else {
      callback(null, usable[0].address, usable[0].family);
    }
  };
}

function transportFailure(error: unknown, deadlinePassed: boolean, timeoutMs: number): DeliveryOutcome {
  const code = axios.isAxiosError(error) ? error.code : (error as NodeJS.ErrnoException)?.code;
  if (deadlinePassed || code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ERR_CANCELED') {
    return { kind: 'retry', reason: `no complete answer within ${timeoutMs} ms` };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'retry', reason: `request failed: ${[code, message].filter(Boolean).join(' ')}` };
}

function headerValue(response: AxiosResponse, name: string): string | undefined {
  const value = (response.headers as Record<string, unknown>)[name];
  if (Array.isArray(value)) return value.length === 0 ? undefined : String(value[0]);
  return value === undefined || value === null ? undefined : String(value);
}

function bodySnippet(data: unknown): string {
  const text = typeof data === 'string' ? data.trim() : '';
  return text === '' ? '' : `: ${snippet(text)}`;
}

function snippet(text: string): string {
  const line = text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return line.length > REASON_SNIPPET_CHARS ? `${line.slice(0, REASON_SNIPPET_CHARS)}…` : line;
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T | typeof ABORTED> {
  if (signal.aborted) return Promise.resolve(ABORTED);
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve(ABORTED);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
