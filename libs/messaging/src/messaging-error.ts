// Typed messaging errors: `kafka-unavailable` is retriable (answer 503, pause), `publish-rejected` is not.
export class MessagingError extends Error {
  constructor(
    message: string,
    readonly code: 'kafka-unavailable' | 'publish-timeout' | 'publish-rejected',
    readonly retriable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MessagingError';
  }
}

/** True for errors a caller should wait out and retry (database or broker down), false for bad data. */
export function isRetriable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { retriable?: unknown }).retriable === true;
}
