// The pg connection pool: timeouts on every connection and statement, pool errors surfaced, one pool per URL per process.
import { Pool, PoolClient, QueryResultRow } from 'pg';
import { DatabaseError, isDriverError } from './database-error';

export interface DatabasePoolOptions {
  url: string;
  max: number;
  statementTimeoutMs: number;
  connectTimeoutMs: number;
  applicationName: string;
  /** Called for errors of idle clients (the server went away); pg would otherwise crash the process. */
  onPoolError?: (error: Error) => void;
}

export type DatabaseEngine = 'timescaledb' | 'postgres';

export class DatabasePool {
  readonly pool: Pool;
  private engineCache?: DatabaseEngine;
  private lastPoolError?: Error;

  constructor(readonly options: DatabasePoolOptions) {
    this.pool = new Pool({
      connectionString: options.url,
      max: options.max,
      connectionTimeoutMillis: options.connectTimeoutMs,
      idleTimeoutMillis: 30_000,
      statement_timeout: options.statementTimeoutMs,
      query_timeout: options.statementTimeoutMs + 1_000,
      application_name: options.applicationName,
      keepAlive: true,
    });
    this.pool.on('error', (error) => {
      this.lastPoolError = error;
      options.onPoolError?.(error);
    });
  }

  async query<R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]): Promise<R[]> {
    try {
      return (await this.pool.query<R>(text, values)).rows;
    } catch (error) {
      throw DatabaseError.from(error);
    }
  }

  /** Runs `work` in one transaction; rolls back on any error. Driver errors become DatabaseErrors; the caller's own pass through. */
  async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw DatabaseError.from(error);
    }
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw isDriverError(error) ? DatabaseError.from(error) : error;
    } finally {
      client.release(broken);
    }
  }

  /** TimescaleDB when the extension is installed in this database (the migrations install it when available). */
  async engine(): Promise<DatabaseEngine> {
    if (!this.engineCache) {
      const rows = await this.query<{ present: boolean }>(
        "SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') AS present",
      );
      this.engineCache = rows[0].present ? 'timescaledb' : 'postgres';
    }
    return this.engineCache;
  }

  async ping(): Promise<void> {
    await this.query('SELECT 1');
  }

  get recentPoolError(): Error | undefined {
    return this.lastPoolError;
  }

  async end(): Promise<void> {
    await this.pool.end();
  }
}

/**
 * Apps that share one process (the single-process launcher) share one pool per URL: the embedded
 * engine serves a single connection, so five pools of one would queue behind each other.
 */
export class DatabasePoolRegistry {
  private static readonly pools = new Map<string, { pool: DatabasePool; users: number }>();

  static acquire(options: DatabasePoolOptions): DatabasePool {
    const entry = this.pools.get(options.url);
    if (entry) {
      entry.users += 1;
      return entry.pool;
    }
    const pool = new DatabasePool(options);
    this.pools.set(options.url, { pool, users: 1 });
    return pool;
  }

  static async release(pool: DatabasePool): Promise<void> {
    const entry = this.pools.get(pool.options.url);
    if (!entry || entry.pool !== pool) return pool.end();
    entry.users -= 1;
    if (entry.users === 0) {
      this.pools.delete(pool.options.url);
      await pool.end();
    }
  }
}
