// Boots the real alerting app against a test database (its own topic prefix, or a shared one), with a JSON client.
import type { INestApplication } from '@nestjs/common';
import { loadConfig, KlimavagtConfig } from '@klimavagt/config';
import { startService } from '@klimavagt/platform';
import { AlertingModule } from '../../apps/alerting/src/alerting.module';
import { ApiAnswer, jsonClient } from './json-client';
import type { TestDatabase } from './test-database';
import { testKafkaBrokers, uniqueName } from './test-kafka';

export interface RunningAlerting {
  app: INestApplication;
  url: string;
  config: KlimavagtConfig;
  call(method: string, path: string, body?: unknown): Promise<ApiAnswer>;
  text(path: string): Promise<{ status: number; contentType: string | null; body: string }>;
  close(): Promise<void>;
}

/** The alerting app's config for tests: quick dispatch, the given overrides (escalation times, SMTP, ...). */
export function alertingTestConfig(t: TestDatabase, env: Record<string, string> = {}): KlimavagtConfig {
  return loadConfig({
    DATABASE_URL: t.url,
    DATABASE_POOL_MAX: t.engine === 'postgres' ? '4' : '1',
    KAFKA_BROKERS: testKafkaBrokers().join(','),
    KAFKA_TOPIC_PREFIX: `${uniqueName('alerting')}.`,
    LOG_LEVEL: 'warn',
    NOTIFY_DISPATCH_INTERVAL_MS: '200',
    ALERT_ESCALATION_CHECK_MS: '250',
    WEBHOOK_TIMEOUT_MS: '1000',
    ...env,
  });
}

export async function startAlerting(config: KlimavagtConfig): Promise<RunningAlerting> {
  const app = await startService(AlertingModule.forRoot(config), { app: 'alerting', port: 0, config });
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    app,
    url,
    config,
    call: jsonClient(url),
    async text(path) {
      const response = await fetch(`${url}${path}`);
      return { status: response.status, contentType: response.headers.get('content-type'), body: await response.text() };
    },
    close: () => app.close(),
  };
}
