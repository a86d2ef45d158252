// The 2023 storm-surge replay through the real ingest path, Kafka, both evaluator stages and the database:
// the harbour zone's signals climb yellow → orange → red, come down again and resolve below the leave levels.
import type { INestApplication } from '@nestjs/common';
import type { IdentifiedAlertSignal } from '@klimavagt/domain';
import { startService } from '@klimavagt/platform';
import { StationsRepository, ZonesRepository } from '@klimavagt/storage';
import {
  ASSENS_GAUGE,
  ASSENS_WEATHER,
  createTestDatabase,
  expectEventually,
  harbourTestZone,
  RunningIngest,
  SEA_LEVEL_RULE,
  startIngest,
  TestDatabase,
  TopicReader,
} from '@klimavagt/test-harness';
import { EvaluatorModule } from '../../apps/evaluator/src/evaluator.module';
import { ScenarioReplayService } from '../../apps/ingest/src/replay/scenario-replay.service';

const harbour = harbourTestZone('test-assens-havn', [
  SEA_LEVEL_RULE,
  { id: 'dkss-forecast', hazard: 'coastal-flooding', spec: { kind: 'forecast', levelSetId: 'today', horizonMs: 24 * 3_600_000 }, enabled: true },
]);

describe('the 2023 storm surge replayed through the evaluator', () => {
  let t: TestDatabase;
  let ingest: RunningIngest;
  let evaluator: INestApplication;
  let signals: TopicReader;

  beforeAll(async () => {
    t = await createTestDatabase('postgres');
    await new StationsRepository(t.db).upsert([ASSENS_GAUGE, ASSENS_WEATHER]);
    await new ZonesRepository(t.db).create(harbour);
    ingest = await startIngest(t.url);
    evaluator = await startService(EvaluatorModule.forRoot(ingest.config), { app: 'evaluator', port: 0, config: ingest.config });
    signals = await TopicReader.start(`${ingest.config.KAFKA_TOPIC_PREFIX}alert-signals.v1`);
  });
  afterAll(async () => {
    await signals?.stop();
    await evaluator?.close();
    await ingest?.app.close();
    await t?.close();
  });

  it('fires, escalates, de-escalates and resolves the harbour alert, with the observation that decided each step', async () => {
    const { done } = ingest.app.get(ScenarioReplayService).start('stormflod-2023', 0);
    expect((await done).state).toBe('done');
    await expectEventually(
      () => {
        const levels = signals.json<IdentifiedAlertSignal>().filter((s) => s.ruleId === 'sea-level');
        expect(levels.map((s) => `${s.kind} ${s.severity ?? ''}`.trim())).toEqual([
          'firing yellow',
          'firing orange',
          'firing red',
          'firing orange',
          'firing yellow',
          'resolved',
        ]);
      },
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    const levels = signals.json<IdentifiedAlertSignal>().filter((s) => s.ruleId === 'sea-level');
    expect(new Set(levels.map((s) => s.fingerprint))).toEqual(new Set(['test-assens-havn:coastal-flooding:sea-level']));
    const red = levels[2];
    expect(red).toMatchObject({ capSeverity: 'Extreme', decidedBy: { stationId: '9020201', parameter: 'sea_level' } });
    expect(red.decidedBy!.value).toBeGreaterThanOrEqual(1.51);
    // Ordered in event time, resolving only after the water fell below yellow's leave level (0.95 m).
    const times = levels.map((s) => Date.parse(s.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(levels[5].decidedBy?.value ?? 0).toBeLessThan(0.95);
  });

  it('warns early from the DKSS forecast: orange (1.83 m forecast) before the observed level reached orange', async () => {
    await expectEventually(() => {
      const forecast = signals.json<IdentifiedAlertSignal>().filter((s) => s.ruleId === 'dkss-forecast' && s.kind === 'firing');
      expect(forecast[0]).toMatchObject({ severity: 'red', decidedBy: { value: 1.83, measure: 'forecast-peak' } });
    });
    const firstForecast = signals.json<IdentifiedAlertSignal>().find((s) => s.ruleId === 'dkss-forecast')!;
    const firstOrange = signals.json<IdentifiedAlertSignal>().find((s) => s.ruleId === 'sea-level' && s.severity === 'orange')!;
    expect(Date.parse(firstForecast.at)).toBeLessThan(Date.parse(firstOrange.at));
  });
});
