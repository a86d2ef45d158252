// The 2023 storm surge through every seeded Assens zone, with the scenario's gauges and weather station on
// different partitions read at Kafka's pace (speed 0): no gauge is judged silent because another partition
// was read ahead, no zone flaps, and a second, independent run gives exactly the same signals.
import type { INestApplication } from '@nestjs/common';
import type { IdentifiedAlertSignal } from '@klimavagt/domain';
import { startService } from '@klimavagt/platform';
import { StationsRepository, ZonesRepository } from '@klimavagt/storage';
import { createTestDatabase, expectEventually, RunningIngest, startIngest, TestDatabase, TopicReader } from '@klimavagt/test-harness';
import { seedAssensStations, seedAssensZonesIfEmpty } from '../../apps/api/src/zones/assens-seed';
import { EvaluatorModule } from '../../apps/evaluator/src/evaluator.module';
import { ScenarioReplayService } from '../../apps/ingest/src/replay/scenario-replay.service';

interface Stack {
  t: TestDatabase;
  ingest: RunningIngest;
  evaluator: INestApplication;
  signals: TopicReader;
}

/** Gauges the scenario carries: zones judged only by them have every expected station reporting. */
const COASTAL_ZONES = ['assens-havn', 'nordre-havnevej', 'willemoesgade', 'assens-naes', 'kaerum-aa-udloeb', 'toroe-huse', 'helnaes-daemning', 'brunshuse'];

describe('the 2023 storm surge replayed against the seeded Assens zones', () => {
  const stacks: Stack[] = [];

  afterAll(async () => {
    for (const s of stacks) {
      await s.signals.stop();
      await s.evaluator.close();
      await s.ingest.app.close();
      await s.t.close();
    }
  });

  async function replay(): Promise<IdentifiedAlertSignal[]> {
    const t = await createTestDatabase('postgres');
    await seedAssensStations(new StationsRepository(t.db));
    await seedAssensZonesIfEmpty(new ZonesRepository(t.db));
    const ingest = await startIngest(t.url);
    const evaluator = await startService(EvaluatorModule.forRoot(ingest.config), { app: 'evaluator', port: 0, config: ingest.config });
    const signals = await TopicReader.start(`${ingest.config.KAFKA_TOPIC_PREFIX}alert-signals.v1`);
    stacks.push({ t, ingest, evaluator, signals });
    const { done } = ingest.app.get(ScenarioReplayService).start('stormflod-2023', 0);
    expect((await done).state).toBe('done');
    // Settled: the harbour resolved and nothing new for a while.
    let seen = -1;
    await expectEventually(
      () => {
        const all = signals.json<IdentifiedAlertSignal>();
        expect(all.some((s) => s.zoneId === 'assens-havn' && s.ruleId === 'vandstand' && s.kind === 'resolved')).toBe(true);
        const count = all.length;
        const settled = count === seen;
        seen = count;
        expect(settled).toBe(true);
      },
      { timeoutMs: 120_000, intervalMs: 3_000 },
    );
    return distinct(signals.json<IdentifiedAlertSignal>());
  }

  const distinct = (all: IdentifiedAlertSignal[]) => [...new Map(all.map((s) => [s.signalId, s])).values()];
  const byFingerprint = (signals: IdentifiedAlertSignal[]) => {
    const out = new Map<string, IdentifiedAlertSignal[]>();
    for (const s of signals) out.set(s.fingerprint, [...(out.get(s.fingerprint) ?? []), s]);
    return out;
  };

  it('judges no coastal gauge silent, escalates and resolves each coastal zone once, and repeats exactly', async () => {
    const first = await replay();
    const coastal = first.filter((s) => COASTAL_ZONES.includes(s.zoneId));

    // Both gauges and the weather station report throughout: nothing is ever degraded.
    expect(coastal.filter((s) => s.kind === 'degraded').map((s) => `${s.fingerprint} @${s.at}`)).toEqual([]);

    const levels = byFingerprint(coastal.filter((s) => s.ruleId === 'vandstand'));
    expect([...levels.keys()].map((f) => f.split(':')[0]).sort()).toEqual([...COASTAL_ZONES].sort());
    for (const [fingerprint, sequence] of levels) {
      // Up through the levels and back down, resolved exactly once at the end: no flapping between gauges.
      const ranks = sequence.map((s) => (s.kind === 'resolved' ? 0 : ['yellow', 'orange', 'red'].indexOf(s.severity!) + 1));
      const peak = ranks.indexOf(Math.max(...ranks));
      expect({ fingerprint, rising: ranks.slice(0, peak + 1) }).toEqual({ fingerprint, rising: [...ranks.slice(0, peak + 1)].sort() });
      expect({ fingerprint, falling: ranks.slice(peak) }).toEqual({ fingerprint, falling: [...ranks.slice(peak)].sort().reverse() });
      expect({ fingerprint, last: sequence.at(-1)!.kind, resolves: sequence.filter((s) => s.kind === 'resolved').length }).toEqual({ fingerprint, last: 'resolved', resolves: 1 });
    }
    expect(levels.get('assens-havn:coastal-flooding:vandstand')!.map((s) => s.severity ?? 'resolved')).toEqual(['yellow', 'orange', 'red', 'orange', 'yellow', 'resolved']);

    const second = await replay();
    const key = (s: IdentifiedAlertSignal) => s.signalId;
    expect(second.map(key).sort()).toEqual(first.map(key).sort());
  }, 300_000);
});
