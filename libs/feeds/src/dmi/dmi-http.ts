// One GET against DMI with a hard per-attempt deadline, bounded retries and hand-checked redirects.
import axios, { AxiosInstance, AxiosResponse } from 'axios';
import { DmiClientOptions } from './dmi-client-options';
import { DmiFeedError } from './dmi-feed-error';
import { AddressLookup, judgeRedirectTarget, ResolvedAddress, systemLookup } from './redirect-policy';
import { parseRetryAfterMs, retryDelayMs } from './retry-backoff';

/** Redirect hops followed within one attempt; DMI itself never needs more than one. */
export const MAX_REDIRECTS = 3;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Seams for tests: a clock, a sleeper and a resolver that never leave the machine. */
export interface DmiHttpDeps {
  sleep?: (ms: number) => Promise<void>;
  lookup?: AddressLookup;
  random?: () => number;
  now?: () => number;
  axios?: AxiosInstance;
}

export interface DmiJsonResponse {
  body: unknown;
  /** Where the body finally came from, after redirects; paging links resolve against it. */
  url: string;
  rawText: string;
}

export class DmiHttp {
  private readonly baseUrl: URL;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly lookup: AddressLookup;
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly http: AxiosInstance;

  constructor(
    private readonly options: DmiClientOptions,
    deps: DmiHttpDeps = {},
  ) {
    this.baseUrl = new URL(options.baseUrl);
    this.sleep = deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.lookup = deps.lookup ?? systemLookup;
    this.random = deps.random ?? Math.random;
    this.now = deps.now ?? Date.now;
    this.http = deps.axios ?? axios.create();
  }

  /** GETs and parses JSON, retrying transient failures; throws DmiFeedError when out of attempts or hopeless. */
  async getJson(url: string): Promise<DmiJsonResponse> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(url);
      } catch (error) {
        const failure = error instanceof DmiFeedError ? error : this.wrapUnexpected(error, url);
        if (!failure.retriable || attempt >= this.options.maxAttempts) throw failure;
        await this.sleep(
          retryDelayMs(
            attempt,
            failure.retryAfterMs,
            this.options.backoffBaseMs,
            this.options.backoffMaxMs,
            this.random,
          ),
        );
      }
    }
  }

  /** One attempt: the deadline spans every redirect hop and the whole body, not only the first byte. */
  private async attempt(startUrl: string): Promise<DmiJsonResponse> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.options.timeoutMs);
    let current = new URL(startUrl);
    try {
      // A paging link may point elsewhere; it gets the same scrutiny as a redirect.
      let pinned = await this.vet(current, controller.signal, startUrl);
      for (let hop = 0; ; hop++) {
        const response = await this.send(current, pinned, controller.signal, () => timedOut);
        if (!REDIRECT_STATUSES.has(response.status)) return this.interpret(response, current.href);
        const location = headerValue(response.headers, 'location');
        if (!location) {
          const why = `DMI answered ${response.status} without Location`;
          throw new DmiFeedError(why, 'malformed-response', current.href, { status: response.status });
        }
        if (hop >= MAX_REDIRECTS) {
          throw new DmiFeedError(`more than ${MAX_REDIRECTS} redirects`, 'redirect-refused', current.href, {
            status: response.status,
          });
        }
        current = new URL(location, current);
        pinned = await this.vet(current, controller.signal, startUrl);
      }
    } catch (error) {
      if (timedOut && !(error instanceof DmiFeedError && error.code === 'timeout')) {
        const why = `no complete answer within ${this.options.timeoutMs} ms`;
        throw new DmiFeedError(why, 'timeout', current.href, { cause: error });
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private async vet(
    target: URL,
    signal: AbortSignal,
    origin: string,
  ): Promise<ResolvedAddress[] | undefined> {
    const verdict = await abortable(
      judgeRedirectTarget(target, this.baseUrl, this.options.allowPrivateRedirects === true, this.lookup),
      signal,
    );
    if (!verdict.allowed) {
      const why = `refused to follow ${target.href}: ${verdict.reason}`;
      throw new DmiFeedError(why, 'redirect-refused', origin);
    }
    return verdict.pinnedAddresses;
  }

  private async send(
    url: URL,
    pinned: ResolvedAddress[] | undefined,
    signal: AbortSignal,
    timedOut: () => boolean,
  ): Promise<AxiosResponse<string>> {
    try {
      return await this.http.request<string>({
        method: 'GET',
        url: url.href,
        timeout: this.options.timeoutMs,
        signal,
        maxRedirects: 0, // redirects are judged by hand above
        responseType: 'text',
        transformResponse: [(data: unknown) => data], // keep the raw text so malformed bodies can be reported
        validateStatus: () => true,
        headers: { Accept: 'application/geo+json, application/json, application/prs.coverage+json' },
        ...(pinned ? { lookup: pinnedLookup(pinned) } : {}),
      });
    } catch (error) {
      throw classifyTransportError(error, url.href, timedOut(), this.options.timeoutMs);
    }
  }

  private interpret(response: AxiosResponse<string>, url: string): DmiJsonResponse {
    const rawText = typeof response.data === 'string' ? response.data : String(response.data ?? '');
    const status = response.status;
    if (status >= 200 && status < 300) {
      try {
        return { body: JSON.parse(rawText), url, rawText };
      } catch (error) {
        throw new DmiFeedError('DMI answered with a body that is not JSON', 'malformed-response', url, {
          status,
          rawBody: rawText,
          cause: error,
        });
      }
    }
    const detail = `DMI answered ${status}${dmiMessage(rawText)}`;
    const retryAfterMs = parseRetryAfterMs(headerValue(response.headers, 'retry-after'), this.now());
    if (status === 429) {
      throw new DmiFeedError(detail, 'rate-limited', url, { status, rawBody: rawText, retryAfterMs });
    }
    if (status >= 500) {
      throw new DmiFeedError(detail, 'server-error', url, { status, rawBody: rawText, retryAfterMs });
    }
    if (status >= 400) throw new DmiFeedError(detail, 'client-error', url, { status, rawBody: rawText });
    throw new DmiFeedError(`unexpected ${detail}`, 'malformed-response', url, { status, rawBody: rawText });
  }

  private wrapUnexpected(error: unknown, url: string): DmiFeedError {
    return new DmiFeedError(`DMI request failed: ${(error as Error)?.message ?? error}`, 'network', url, {
      cause: error,
    });
  }
}

function classifyTransportError(
  error: unknown,
  url: string,
  timedOut: boolean,
  timeoutMs: number,
): DmiFeedError {
  const code = axios.isAxiosError(error) ? error.code : undefined;
  if (timedOut || code === 'ECONNABORTED' || code === 'ETIMEDOUT') {
    return new DmiFeedError(`no complete answer within ${timeoutMs} ms`, 'timeout', url, { cause: error });
  }
  const message = (error as Error)?.message ?? String(error);
  return new DmiFeedError(`cannot reach DMI: ${code ?? ''} ${message}`.trim(), 'network', url, {
    cause: error,
  });
}

/** Pulls DMI's `{"message"}` out of an error body for the error text; silent when there is none. */
function dmiMessage(rawText: string): string {
  try {
    const parsed = JSON.parse(rawText) as { message?: unknown };
    return typeof parsed?.message === 'string' ? `: ${parsed.message}` : '';
  } catch {
    return '';
  }
}

function headerValue(headers: AxiosResponse['headers'], name: string): string | undefined {
  const value = (headers as Record<string, unknown>)[name];
  if (Array.isArray(value)) return value[0] === undefined ? undefined : String(value[0]);
  return value === undefined || value === null ? undefined : String(value);
}

/** Connects only to the addresses we vetted, so a second DNS answer cannot swap in a private one. */
function pinnedLookup(addresses: ResolvedAddress[]) {
  return async () =>
    [addresses.map((a) => ({ address: a.address, family: a.family }))] as [
      { address: string; family: 4 | 6 }[],
    ];
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new Error('aborted'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
