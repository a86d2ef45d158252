// Owns the one answer every notification sender gives: what happened to a delivery attempt, and what next.

/**
 * Senders never throw for a failed delivery; they say which of four things happened so the caller can
 * schedule a retry (nextDeliveryAttempt in @klimavagt/domain), stop for good, or disable the endpoint.
 */
export type DeliveryOutcome =
  | {
      kind: 'delivered';
      /** HTTP status, or the SMTP reply code of the accepted message. */
      status: number;
      /**
       * SMTP only: recipients the server refused while it accepted the message for the others. Retrying
       * would duplicate the mail to everyone else, so they are reported here rather than retried.
       */
      rejectedRecipients?: string[];
    }
  | { kind: 'retry'; reason: string; status?: number; retryAfterMs?: number }
  | { kind: 'gone'; status: 410; reason: string }
  | { kind: 'refused'; reason: string };
