// Typed messaging errors: `kafka-unavailable` is retriable (answer 503, pause), `publish-rejected` is not;
// `systemic-failure` is a consumer's verdict that every record is refused alike (stall, never dead-letter).
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

/** Records of a batch were refused alike and none was accepted: an outage of what the handler writes to, not poison. */
export class SystemicFailureError extends Error {
  readonly code = 'systemic-failure';
  readonly retriable = false;
  readonly systemic = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SystemicFailureError';
  }
}

/** True for errors a caller should wait out and retry (database or broker down), false for bad data. */
export function isRetriable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { retriable?: unknown }).retriable === true;
}

/**
 * True for errors that say the dependency as a whole refuses, whatever the record (storage's DatabaseError
 * sets `systemic` from the SQLSTATE class; typed, so messaging never matches message text).
 */
export function isSystemic(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { systemic?: unknown }).systemic === true;
}

/** An outage: wait it out with the batch uncommitted, whether it clears by itself (retriable) or needs an operator. */
export function isOutage(error: unknown): boolean {
  return isRetriable(error) || isSystemic(error);
}
