// DMI client settings with defaults; checked once at construction so a bad config fails at boot, not mid-poll.
export interface DmiClientOptions {
  /** DMI Open Data root; configurable because DMI has moved hosts before (dmigw.govcloud.dk → opendataapi.dmi.dk). */
  baseUrl: string;
  /** Deadline for one HTTP attempt, connect to last body byte. */
  timeoutMs: number;
  /** Total tries per request, the first one included. */
  maxAttempts: number;
  /** First retry delay; doubles on every further retry. */
  backoffBaseMs: number;
  /** Ceiling for any retry delay, Retry-After included, so a hostile header cannot park a poller for hours. */
  backoffMaxMs: number;
  /** Features per page (DMI default 1000, max 300000). */
  pageLimit: number;
  /** Follow redirects to loopback/private/link-local hosts; only for local test rigs. */
  allowPrivateRedirects?: boolean;
}

export const DMI_DEFAULT_BASE_URL = 'https://opendataapi.dmi.dk';

/** DMI's documented hard maximum for `limit`. */
export const DMI_MAX_PAGE_LIMIT = 300_000;

export const DMI_CLIENT_DEFAULTS: DmiClientOptions = {
  baseUrl: DMI_DEFAULT_BASE_URL,
  timeoutMs: 15_000,
  maxAttempts: 4,
  backoffBaseMs: 500,
  backoffMaxMs: 30_000,
  pageLimit: 1000,
  allowPrivateRedirects: false,
};

export function resolveDmiClientOptions(partial: Partial<DmiClientOptions> = {}): DmiClientOptions {
  const options: DmiClientOptions = { ...DMI_CLIENT_DEFAULTS, ...stripUndefined(partial) };
  const url = new URL(options.baseUrl); // throws on a malformed base URL, which is what we want at boot
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`DMI baseUrl must be http(s), got ${options.baseUrl}`);
  }
  requireInteger('timeoutMs', options.timeoutMs, 1);
  requireInteger('maxAttempts', options.maxAttempts, 1);
  requireInteger('backoffBaseMs', options.backoffBaseMs, 0);
  requireInteger('backoffMaxMs', options.backoffMaxMs, options.backoffBaseMs);
  requireInteger('pageLimit', options.pageLimit, 1);
  if (options.pageLimit > DMI_MAX_PAGE_LIMIT) {
    throw new Error(`DMI pageLimit ${options.pageLimit} exceeds DMI's maximum ${DMI_MAX_PAGE_LIMIT}`);
  }
  return { ...options, baseUrl: options.baseUrl.replace(/\/+$/, '') };
}

function requireInteger(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`DMI client option ${name} must be an integer >= ${min}, got ${value}`);
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
