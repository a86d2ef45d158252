// Killing the evaluator mid-replay and restarting it yields the same signals as an uninterrupted run:
// no lost firing or resolve, and nothing new — a batch re-processed after the kill can only repeat a signal
// with the same signalId, which consumers deduplicate.
import type { IdentifiedAlertSignal } from '@klimavagt/domain';
import { stormflod2023 } from '@klimavagt/domain';
import { ALL_TOPICS, ObservationProgressV1, ObservationsV1 } from '@klimavagt/contracts';
import { createKafka, ensureTopics, EventPublisher } from '@klimavagt/messaging';
import { StationsRepository, ZonesRepository } from '@klimavagt/storage';
import {
  ASSENS_GAUGE,
  createTestDatabase,
  expectEventually,
  harbourTestZone,
  SEA_LEVEL_RULE,
  spawnService,
  TestDatabase,
  testKafkaBrokers,
  TopicReader,
  uniqueName,
} from '@klimavagt/test-harness';

const zone = harbourTestZone('restart-havn', [
  SEA_LEVEL_RULE,
  { id: 'rise', hazard: 'coastal-flooding', spec: { kind: 'rate-of-rise', parameter: 'sea_level', risePerHour: 0.15, windowMs: 3_600_000, severity: 'yellow' }, enabled: true },
]);

interface Run {
  t: TestDatabase;
  prefix: string;
  publisher: EventPublisher;
  signals: TopicReader;
}

describe('evaluator restart mid-replay', () => {
  const runs: Run[] = [];
  const children: ReturnType<typeof spawnService>[] = [];
  const scenario = stormflod2023();
  const steps = [...new Set(scenario.observations.map((o) => o.observedAt))].sort();

  afterAll(async () => {
    for (const c of children) c.child.kill('SIGKILL');
    for (const r of runs) {
      await r.signals.stop();
      await r.publisher.disconnect();
      await r.t.close();
    }
  });

  async function prepare(): Promise<Run> {
    const t = await createTestDatabase('postgres');
    await new StationsRepository(t.db).upsert([ASSENS_GAUGE]);
    await new ZonesRepository(t.db).create(zone);
    const prefix = `${uniqueName('restart')}.`;
    const kafka = createKafka({ brokers: testKafkaBrokers(), clientId: 'restart-test', connectTimeoutMs: 5_000, requestTimeoutMs: 30_000 });
    await ensureTopics(kafka, ALL_TOPICS.map((topic) => ({ topic: prefix + topic, numPartitions: 3, replicationFactor: 1 })));
    const run = { t, prefix, publisher: new EventPublisher(kafka, { publishTimeoutMs: 15_000, topicPrefix: prefix }), signals: await TopicReader.start(`${prefix}alert-signals.v1`) };
    runs.push(run);
    return run;
  }

  async function startEvaluator(run: Run) {
    const child = spawnService('apps/evaluator/src/main.js', {
      DATABASE_URL: run.t.url,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      KAFKA_TOPIC_PREFIX: run.prefix,
      EVALUATOR_PORT: '0',
    });
    children.push(child);
    return child;
  }

  /** Publishes the scenario's 10-minute steps [from, to) in event-time order, each vouched complete as a feed would. */
  async function publishSteps(run: Run, from: number, to: number) {
    for (const at of steps.slice(from, to)) {
      await run.publisher.publish(ObservationsV1, scenario.observations.filter((o) => o.observedAt === at && o.stationId === '9020201'));
      const completeUpTo = new Date(Date.parse(at) + 1).toISOString();
      await run.publisher.publish(ObservationProgressV1, [{ kind: 'station-progress', stationId: '9020201', feed: 'replay', completeUpTo, announcedAt: completeUpTo }]);
    }
  }

  const sequence = (run: Run, distinct: boolean) => {
    const seen = new Set<string>();
    return run.signals
      .json<IdentifiedAlertSignal>()
      .filter((s) => (distinct ? !seen.has(s.signalId) && seen.add(s.signalId) : true))
      .map((s) => `${s.ruleId} ${s.kind}${s.severity ? ' ' + s.severity : ''} @${s.at}`);
  };

  it('gives the same signals as an uninterrupted run', async () => {
    const uninterrupted = await prepare();
    await startEvaluator(uninterrupted);
    await publishSteps(uninterrupted, 0, steps.length);

    const interrupted = await prepare();
    const first = await startEvaluator(interrupted);
    const half = Math.floor(steps.length / 2);
    await publishSteps(interrupted, 0, half);
    // Kill it while it works through the first half (after the storm began, before it ended).
    await expectEventually(() => expect(sequence(interrupted, true).length).toBeGreaterThanOrEqual(2), { timeoutMs: 60_000 });
    first.child.kill('SIGKILL');
    await first.exited;
    await publishSteps(interrupted, half, steps.length);
    await startEvaluator(interrupted);

    await expectEventually(
      () => {
        const expected = sequence(uninterrupted, true);
        expect(expected.filter((s) => s.startsWith('sea-level')).map((s) => s.split(' @')[0])).toEqual([
          'sea-level firing yellow',
          'sea-level firing orange',
          'sea-level firing red',
          'sea-level firing orange',
          'sea-level firing yellow',
          'sea-level resolved',
        ]);
        expect(sequence(interrupted, true).sort()).toEqual([...expected].sort());
      },
      { timeoutMs: 150_000, intervalMs: 1_000 },
    );
    // Repeats, if the kill landed between a publish and its commit, carry the id of the signal they repeat.
    const all = sequence(interrupted, false);
    expect(new Set(all)).toEqual(new Set(sequence(uninterrupted, true)));
  }, 240_000);
});
