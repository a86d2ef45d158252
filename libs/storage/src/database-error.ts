// Typed storage errors: callers decide between retrying (database down) and dead-lettering (bad data).
import { DatabaseError as PgServerError } from 'pg';

/** SQLSTATE classes that mean "the database is unavailable", not "this row is wrong". */
const RETRIABLE_SQLSTATE_PREFIXES = ['08', '53', '57', '58', '40'];
const RETRIABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

export class DatabaseError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly retriable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DatabaseError';
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
    return new DatabaseError(message, code, retriable, { cause: error });
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
