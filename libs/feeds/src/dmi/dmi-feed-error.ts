// Typed DMI feed errors: callers decide on `retriable` (wait and poll again) versus `code` (what went wrong).
export type DmiFeedErrorCode =
  | 'timeout'
  | 'rate-limited'
  | 'server-error'
  | 'client-error'
  | 'network'
  | 'redirect-refused'
  | 'malformed-response';

/** Retriable codes: the same request may succeed later without any change on our side. */
const RETRIABLE_CODES: ReadonlySet<DmiFeedErrorCode> = new Set([
  'timeout',
  'rate-limited',
  'server-error',
  'network',
]);

/** How much of an unexpected body we keep: enough to diagnose, small enough to log. */
export const RAW_BODY_MAX_CHARS = 500;

export class DmiFeedError extends Error {
  readonly retriable: boolean;
  /** HTTP status when DMI answered at all. */
  readonly status?: number;
  /** Start of the body DMI sent, for malformed responses and error answers. */
  readonly rawBody?: string;
  /** Server-requested wait (Retry-After) on a 429/503, already in milliseconds. */
  readonly retryAfterMs?: number;

  constructor(
    message: string,
    readonly code: DmiFeedErrorCode,
    readonly url: string,
    details: { status?: number; rawBody?: string; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: details.cause });
    this.name = 'DmiFeedError';
    this.retriable = RETRIABLE_CODES.has(code);
    this.status = details.status;
    this.rawBody = details.rawBody === undefined ? undefined : truncateBody(details.rawBody);
    this.retryAfterMs = details.retryAfterMs;
  }
}

export function truncateBody(body: string): string {
  return body.length <= RAW_BODY_MAX_CHARS
    ? body
    : `${body.slice(0, RAW_BODY_MAX_CHARS)}…[${body.length} chars]`;
}
