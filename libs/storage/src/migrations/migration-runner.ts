// Forward-only, versioned SQL migrations: `NNNN_name.sql`, or `NNNN_name.<engine>.sql` where TimescaleDB and plain PostgreSQL differ.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PoolClient } from 'pg';
import { DatabaseEngine, DatabasePool } from '../database-pool';
import { DatabaseError } from '../database-error';

const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+?)(?:\.(timescaledb|postgres))?\.sql$/;
/** A first line with this marker runs statement by statement outside a transaction (continuous aggregates need that). */
const NO_TRANSACTION_MARKER = '-- migrate:no-transaction';
const LOCK_KEY = 727_2020; // any constant; shared by every process migrating this database

export interface Migration {
  version: number;
  name: string;
  engine: DatabaseEngine | 'any';
  sql: string;
  checksum: string;
  transactional: boolean;
}

export const MIGRATIONS_DIR = join(__dirname);

/** Reads the migrations that apply to `engine`, in version order; an engine-specific file wins over none. */
export function readMigrations(engine: DatabaseEngine, dir = MIGRATIONS_DIR): Migration[] {
  const byVersion = new Map<number, Migration[]>();
  for (const file of readdirSync(dir).sort()) {
    const match = FILE_PATTERN.exec(file);
    if (!match) continue;
    const sql = readFileSync(join(dir, file), 'utf8');
    const migration: Migration = {
      version: Number(match[1]),
      name: match[2],
      engine: (match[3] as DatabaseEngine | undefined) ?? 'any',
      sql,
      checksum: createHash('sha256').update(sql).digest('hex').slice(0, 16),
      transactional: !sql.startsWith(NO_TRANSACTION_MARKER),
    };
    byVersion.set(migration.version, [...(byVersion.get(migration.version) ?? []), migration]);
  }
  return [...byVersion.entries()]
    .sort(([a], [b]) => a - b)
    .map(([version, candidates]) => {
      const chosen = candidates.find((m) => m.engine === engine) ?? candidates.find((m) => m.engine === 'any');
      if (!chosen) throw new Error(`migration ${version} has no file for engine ${engine}`);
      return chosen;
    });
}

/** Statements of a non-transactional migration: separated by a `;` that ends a line. */
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*$/m)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter(Boolean);
}

/**
 * The hypertable's continuous-aggregate trigger lives in TimescaleDB's TSL module, which only the loader
 * library enables (shared_preload_libraries on a server; the embedded engine LOADs it at start). Without it
 * every write to observations is refused, so start-up stops here instead of every record failing later.
 */
async function requireTimescaleDbLoaded(client: PoolClient): Promise<void> {
  const probe = await client.query<{ present: boolean }>("SELECT to_regproc('_timescaledb_functions.tsl_loaded') IS NOT NULL AS present");
  if (!probe.rows[0]?.present) return; // an older TimescaleDB without the probe: nothing to check with
  const result = await client.query<{ loaded: boolean }>('SELECT _timescaledb_functions.tsl_loaded() AS loaded');
  if (!result.rows[0]?.loaded) {
    throw new DatabaseError(
      'TimescaleDB is installed but its TSL module is not loaded in this session: the server needs ' +
        "shared_preload_libraries = 'timescaledb' and timescaledb.license = 'timescale' (writes to hypertables with continuous aggregates would be refused)",
      'migration-failed',
      false,
    );
  }
}

export interface MigrationReport {
  engine: DatabaseEngine;
  applied: string[];
}

/**
 * Installs TimescaleDB when the server offers it, then applies pending migrations under an advisory
 * lock, so several instances starting together migrate once.
 */
export async function migrate(db: DatabasePool, log: (msg: string) => void = () => undefined): Promise<MigrationReport> {
  const client = await db.pool.connect().catch((e) => {
    throw DatabaseError.from(e);
  });
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    const available = await client.query(
      "SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb') AS available",
    );
    if (available.rows[0].available) await client.query('CREATE EXTENSION IF NOT EXISTS timescaledb');
    const engine: DatabaseEngine = available.rows[0].available ? 'timescaledb' : 'postgres';
    if (engine === 'timescaledb') await requireTimescaleDbLoaded(client);

    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, engine text NOT NULL,
      checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = await client.query<{ version: number; checksum: string; name: string }>(
      'SELECT version, checksum, name FROM schema_migrations',
    );
    const appliedByVersion = new Map(done.rows.map((r) => [r.version, r]));
    const applied: string[] = [];
    for (const m of readMigrations(engine)) {
      const previous = appliedByVersion.get(m.version);
      if (previous) {
        if (previous.checksum !== m.checksum) {
          throw new DatabaseError(
            `migration ${m.version}_${m.name} changed after it was applied (forward-only: add a new migration instead)`,
            'migration-changed',
            false,
          );
        }
        continue;
      }
      log(`applying migration ${m.version}_${m.name} (${engine})`);
      try {
        if (m.transactional) {
          await client.query('BEGIN');
          await client.query(m.sql);
          await client.query('INSERT INTO schema_migrations (version, name, engine, checksum) VALUES ($1, $2, $3, $4)', [
            m.version,
            m.name,
            engine,
            m.checksum,
          ]);
          await client.query('COMMIT');
        } else {
          for (const statement of splitStatements(m.sql)) await client.query(statement);
          await client.query('INSERT INTO schema_migrations (version, name, engine, checksum) VALUES ($1, $2, $3, $4)', [
            m.version,
            m.name,
            engine,
            m.checksum,
          ]);
        }
      } catch (error) {
        if (m.transactional) await client.query('ROLLBACK').catch(() => undefined);
        throw new DatabaseError(`migration ${m.version}_${m.name} failed: ${(error as Error).message}`, 'migration-failed', false, {
          cause: error,
        });
      }
      applied.push(`${m.version}_${m.name}`);
    }
    return { engine, applied };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    client.release();
  }
}
