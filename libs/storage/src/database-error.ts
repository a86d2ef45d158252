// Typed storage errors: callers decide between retrying (database down) and dead-lettering (bad data).

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
