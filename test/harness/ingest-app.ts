// Boots the real ingest app in the test process against the test broker and a test database.
import type { INestApplication } from '@nestjs/common';
import { loadConfig, KlimavagtConfig } from '@klimavagt/config';
import { startService } from '@klimavagt/platform';
import { IngestModule } from '../../apps/ingest/src/ingest.module';
import { testKafkaBrokers, uniqueName } from './test-kafka';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface RunningIngest {
  app: INestApplication;
  url: string;
  config: KlimavagtConfig;
  registerSensor(body: Record<string, unknown>): Promise<string>;
}

export async function startIngest(databaseUrl: string, env: Record<string, string> = {}): Promise<RunningIngest> {
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: testKafkaBrokers().join(','),
    KAFKA_TOPIC_PREFIX: `${uniqueName('t')}.`,
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    LOG_LEVEL: 'warn',
    DMI_POLL_ENABLED: 'false',
    ...env,
  });
  const app = await startService(IngestModule.forRoot(config), {
    app: 'ingest',
    port: 0,
    config,
    jsonBodyLimit: config.INGEST_BODY_LIMIT,
  });
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    app,
    url,
    config,
    async registerSensor(body) {
      const response = await fetch(`${url}/v1/admin/sensors`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
        body: JSON.stringify(body),
      });
      if (response.status !== 201) throw new Error(`sensor registration failed: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { token: string }).token;
    },
  };
}
