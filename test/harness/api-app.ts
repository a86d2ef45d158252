// Boots the real API app (one or more instances) against a test database, with a small JSON client.
import type { INestApplication } from '@nestjs/common';
import { loadConfig } from '@klimavagt/config';
import { startService } from '@klimavagt/platform';
import { ApiModule } from '../../apps/api/src/api.module';
import type { TestDatabase } from './test-database';
import { ApiAnswer, jsonClient } from './json-client';
import { testKafkaBrokers, uniqueName } from './test-kafka';

export type { ApiAnswer } from './json-client';


export interface RunningApi {
  apps: INestApplication[];
  url: string;
  call(method: string, path: string, body?: unknown): Promise<ApiAnswer>;
  close(): Promise<void>;
}

/** `instances` > 1 starts them together, as a scaled-out deployment would (seeding must then happen once). */
export async function startApi(t: TestDatabase, { instances = 1, env = {} }: { instances?: number; env?: Record<string, string> } = {}): Promise<RunningApi> {
  const config = loadConfig({
    DATABASE_URL: t.url,
    // The embedded engine serves one connection; the pool is shared with the test (see createTestDatabase).
    DATABASE_POOL_MAX: t.engine === 'postgres' ? '4' : '1',
    KAFKA_BROKERS: testKafkaBrokers().join(','),
    KAFKA_TOPIC_PREFIX: `${uniqueName('api')}.`,
    LOG_LEVEL: 'warn',
    ...env,
  });
  const apps = await Promise.all(
    Array.from({ length: instances }, () => startService(ApiModule.forRoot(config), { app: 'api', port: 0, config })),
  );
  const url = (await apps[0].getUrl()).replace('[::1]', '127.0.0.1');
  return {
    apps,
    url,
    call: jsonClient(url),
    async close() {
      for (const app of apps) await app.close();
    },
  };
}
