// Typed storage errors: callers decide between retrying (database down), stalling (the database refuses
// every write) and dead-lettering (this row is wrong).
import { DatabaseError as PgServerError } from 'pg';

/** SQLSTATE classes that mean "the database is unavailable", not "this row is wrong". */
const RETRIABLE_SQLSTATE_PREFIXES = ['08', '53', '57', '58', '40'];
const RETRIABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * SQLSTATE classes (and codes) raised by the database as a whole, whatever row a statement carries: no
 * connection (08), out of resources or disk full (53), shut down or cancelled (57), I/O (58), feature not
 * supported (0A: an extension not loaded), read-only transaction (25006), authorisation (28), no such
 * database (3D), syntax or access rule — privileges, missing tables (42), object not in prerequisite state
 * (55), internal error (XX). Data exceptions (22) and integrity constraint violations (23) are about a row.
 */
const SYSTEMIC_SQLSTATE_PREFIXES = ['08', '53', '57', '58', '0A', '25006', '28', '3D', '42', '55', 'XX'];

export class DatabaseError extends Error {
  /**
   * True when the database as a whole refuses (the SQLSTATE classes above): another row would fail the same
   * way, so a consumer must stall and retry, never dead-letter. False = possibly only this row is wrong.
   */
  readonly systemic: boolean;

  constructor(
    message: string,
    readonly code: string,
    readonly retriable: boolean,
    options?: { cause?: unknown; systemic?: boolean },
  ) {
    super(message, options);
    this.name = 'DatabaseError';
    this.systemic = options?.systemic ?? retriable;
  }

  static from(error: unknown): DatabaseError {
    if (error instanceof DatabaseError) return error;
    const e = error as { code?: string; message?: string };
    const code = typeof e?.code === 'string' ? e.code : 'unknown';
    const message = e?.message ?? String(error);
    const retriable =
      RETRIABLE_NODE_CODES.has(code) ||
      RETRIABLE_SQLSTATE_PREFIXES.some((p) => code.startsWith(p)) ||
      /Connection terminated|timeout|connect|Client has encountered a connection error/i.test(message);
    // A serialization failure or deadlock (40) is worth retrying but says nothing about the database's health.
    const systemic = (retriable && !code.startsWith('40')) || SYSTEMIC_SQLSTATE_PREFIXES.some((p) => code.startsWith(p));
    return new DatabaseError(message, code, retriable, { cause: error, systemic });
  }
}

/**
 * True for what the driver or the server raised (SQLSTATE errors, socket errors, pg's connection and timeout
 * errors); false for a caller's own typed errors thrown inside a transaction, which must reach it unchanged.
 */
export function isDriverError(error: unknown): boolean {
  if (error instanceof PgServerError || error instanceof DatabaseError) return true;
  const e = error as { syscall?: unknown; message?: unknown };
  if (typeof e?.syscall === 'string') return true;
  return typeof e?.message === 'string' && /Connection terminated|Client has encountered a connection error|timeout exceeded|Query read timeout/i.test(e.message);
}
