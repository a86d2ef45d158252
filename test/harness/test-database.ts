// A fresh, migrated database per test file on either engine: a clone of a migrated template on PostgreSQL
// (immich-style), an in-memory embedded TimescaleDB engine otherwise.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DatabasePool, DatabasePoolRegistry, EmbeddedTimescaleDb, migrate } from '@klimavagt/storage';

export type TestEngine = 'postgres' | 'timescaledb-embedded';
export const TEST_ENGINES: TestEngine[] = ['timescaledb-embedded', 'postgres'];

export interface TestDatabase {
  engine: TestEngine;
  url: string;
  db: DatabasePool;
  close(): Promise<void>;
}

const TEMPLATE = 'klimavagt_template';

async function withAdmin<T>(adminUrl: string, work: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function ensureTemplate(adminUrl: string): Promise<void> {
  const exists = await withAdmin(adminUrl, async (c) => {
    await c.query('SELECT pg_advisory_lock(4242)');
    const r = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [TEMPLATE]);
    if (r.rowCount === 0) await c.query(`CREATE DATABASE ${TEMPLATE}`);
    return r.rowCount !== 0;
  });
  try {
    if (!exists) {
      const db = new DatabasePool(poolOptions(withDatabase(adminUrl, TEMPLATE)));
      await migrate(db);
      await db.end();
    }
  } finally {
    await withAdmin(adminUrl, (c) => c.query('SELECT pg_advisory_unlock_all()'));
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export function poolOptions(url: string, max = 5) {
  return { url, max, statementTimeoutMs: 30_000, connectTimeoutMs: 10_000, applicationName: 'klimavagt-test' };
}

export async function createTestDatabase(engine: TestEngine): Promise<TestDatabase> {
  if (engine === 'timescaledb-embedded') {
    const server = await EmbeddedTimescaleDb.start({ port: 0 });
    // The engine serves one connection: apps started in this process must share this pool, as under npm start.
    const db = DatabasePoolRegistry.acquire(poolOptions(server.url, 1));
    await migrate(db);
    return {
      engine,
      url: server.url,
      db,
      async close() {
        await DatabasePoolRegistry.release(db);
        await server.stop();
      },
    };
  }
  const adminUrl = process.env.TEST_POSTGRES_URL;
  if (!adminUrl) throw new Error('TEST_POSTGRES_URL is not set: run integration tests through jest (global-setup starts PostgreSQL)');
  await ensureTemplate(adminUrl);
  const name = `klimavagt_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`));
  const url = withDatabase(adminUrl, name);
  const db = new DatabasePool(poolOptions(url));
  return {
    engine,
    url,
    db,
    async close() {
      await db.end();
      await withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
