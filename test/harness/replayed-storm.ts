// Every app, in-process, against one seeded database (Assens stations, zones and initiatives), after the 2023
// storm was replayed through the real ingest path and the alerts it raised have all resolved.
import type { INestApplication } from '@nestjs/common';
import { startService } from '@klimavagt/platform';
import { InitiativesRepository, StationsRepository, ZonesRepository } from '@klimavagt/storage';
import { seedAssensInitiativesIfEmpty } from '../../apps/api/src/initiatives/assens-initiatives-seed';
import { seedAssensStations, seedAssensZonesIfEmpty } from '../../apps/api/src/zones/assens-seed';
import { EvaluatorModule } from '../../apps/evaluator/src/evaluator.module';
import { ScenarioReplayService } from '../../apps/ingest/src/replay/scenario-replay.service';
import { RecorderModule } from '../../apps/recorder/src/recorder.module';
import { RunningAlerting, startAlerting } from './alerting-app';
import { RunningApi, startApi } from './api-app';
import { expectEventually } from './expect-eventually';
import { RunningIngest, startIngest } from './ingest-app';
import { createTestDatabase, TestDatabase } from './test-database';

export interface ReplayedStorm {
  t: TestDatabase;
  ingest: RunningIngest;
  alerting: RunningAlerting;
  api: RunningApi;
  close(): Promise<void>;
}

export async function replayedStorm(apiEnv: Record<string, string> = {}): Promise<ReplayedStorm> {
  const t = await createTestDatabase('postgres');
  const zones = new ZonesRepository(t.db);
  await seedAssensStations(new StationsRepository(t.db));
  await seedAssensZonesIfEmpty(zones);
  await seedAssensInitiativesIfEmpty(new InitiativesRepository(t.db), zones);
  const ingest = await startIngest(t.url);
  const config = ingest.config;
  const apps: INestApplication[] = [
    await startService(RecorderModule.forRoot(config), { app: 'recorder', port: 0, config }),
    await startService(EvaluatorModule.forRoot(config), { app: 'evaluator', port: 0, config }),
  ];
  const alerting = await startAlerting(config);
  const api = await startApi(t, { env: apiEnv });
  const { done } = ingest.app.get(ScenarioReplayService).start('stormflod-2023', 0);
  if ((await done).state !== 'done') throw new Error('the storm replay did not finish');
  await expectEventually(
    async () => {
      const answer = await alerting.call('GET', '/v1/alerts?zoneId=assens-havn&hazard=coastal-flooding');
      // The harbour's threat incident (forecast and observed level as one alert; it carries its rules' sources).
      const levels = (answer.body as { sources?: object; state: string }[]).filter((a) => a.sources !== undefined);
      if (!(levels.length > 0 && levels.every((a) => a.state === 'resolved'))) throw new Error('the harbour alert has not resolved yet');
    },
    { timeoutMs: 120_000, intervalMs: 1_000 },
  );
  return {
    t,
    ingest,
    alerting,
    api,
    async close() {
      await api.close();
      await alerting.close();
      for (const app of apps.reverse()) await app.close();
      await ingest.app.close();
      await t.close();
    },
  };
}
