// Same input, same outcome: the storm's feeds through stages one and two in every interleaving Kafka allows
// (any order across partitions and topics, per-partition order kept), any batch sizes, re-deliveries after a
// crash, and any within-window station order — always the same signals.
import fc from 'fast-check';
import { isStationProgress } from './station-progress';
import { StateStore } from './state-store';
import { StationStageEvaluator, type StationStageState } from './station-stage-evaluator';
import type { ZoneInput } from './zone-input';
import { type IdentifiedAlertSignal, ZoneStageEvaluator, type ZoneStageState } from './zone-stage-evaluator';
import {
  ASSENS,
  expectedStations,
  FAABORG,
  type FeedRecord,
  GAP_FROM,
  STORM_ZONES,
  stormFeeds,
  SUPERSEDED_AT,
  WEATHER,
  type WindowOrder,
  zonesJudgedBy,
} from './storm-feeds.fixture';

/** Deterministic choices from a seed (mulberry32). */
function chooser(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4_294_967_296) * n);
  };
}

/** Assens' gauge and the weather station share a partition, Faaborg has its own; forecasts are one topic. */
const OBS_PARTITION: Record<string, number> = { [ASSENS]: 0, [WEATHER]: 0, [FAABORG]: 1 };
const ZONE_PARTITION: Record<string, number> = { 'assens-havn': 0, helnaes: 1, 'faaborg-side': 1, glamsbjerg: 0 };

/** Two feeds publishing to a shared partition interleave however their pollers' timing fell; each keeps its order. */
function merge(pick: (n: number) => number, ...feeds: FeedRecord[][]): FeedRecord[] {
  const queues = feeds.map((f) => [...f]);
  const out: FeedRecord[] = [];
  while (queues.some((q) => q.length > 0)) {
    const open = queues.filter((q) => q.length > 0);
    out.push(open[pick(open.length)].shift()!);
  }
  return out;
}

interface Consumer<T> {
  partitions: T[][];
  committed: number[];
}

/** One batch from a random partition with unread records; false when everything is read. */
function nextBatch<T>(c: Consumer<T>, pick: (n: number) => number): { partition: number; records: T[] } | undefined {
  const open = c.partitions.flatMap((p, i) => (c.committed[i] < p.length ? [i] : []));
  if (open.length === 0) return undefined;
  const partition = open[pick(open.length)];
  const size = 1 + pick(pick(2) === 0 ? 4 : 60);
  return { partition, records: c.partitions[partition].slice(c.committed[partition], c.committed[partition] + size) };
}

export function runStorm(seed: number, order?: WindowOrder): IdentifiedAlertSignal[] {
  const pick = chooser(seed);
  const orders: WindowOrder[] = ['station-after-station', 'station-after-station-descending', 'time-ordered'];
  const feeds = stormFeeds(order ?? orders[pick(orders.length)]);
  const byPartition = (records: FeedRecord[], p: number) => records.filter((r) => OBS_PARTITION[r.key] === p);
  const stationTopics: Consumer<FeedRecord> = {
    partitions: [
      merge(pick, byPartition(feeds.oceanObs, 0), byPartition(feeds.metObs, 0)),
      merge(pick, byPartition(feeds.oceanObs, 1), byPartition(feeds.metObs, 1)),
      feeds.dkss,
    ],
    committed: [0, 0, 0],
  };
  const zoneInputs: Consumer<ZoneInput> = { partitions: [[], []], committed: [0, 0] };

  const stationStore = new StateStore<StationStageState>();
  const stationStage = new StationStageEvaluator(stationStore);
  const zoneStore = new StateStore<ZoneStageState>();
  const zoneStage = new ZoneStageEvaluator(zoneStore);
  const signals: IdentifiedAlertSignal[] = [];

  const stepStationStage = (): boolean => {
    const batch = nextBatch(stationTopics, pick);
    if (!batch) return false;
    const inputs = batch.records.flatMap((r) => {
      const zones = zonesJudgedBy(r.key);
      if (r.topic === 'forecasts') return isStationProgress(r.value) ? stationStage.applyForecastProgress(r.value, zones) : stationStage.applyForecast(r.value, zones);
      return isStationProgress(r.value) ? stationStage.applyProgress(r.value, zones) : stationStage.applyObservation(r.value, zones).inputs;
    });
    for (const input of inputs) zoneInputs.partitions[ZONE_PARTITION[input.zoneId]].push(input);
    // A crash after publishing, before the state was saved and the offset committed: the batch comes again.
    if (pick(20) === 0) stationStore.rollback();
    else {
      stationStore.commit();
      stationTopics.committed[batch.partition] += batch.records.length;
    }
    return true;
  };
  const stepZoneStage = (): boolean => {
    const batch = nextBatch(zoneInputs, pick);
    if (!batch) return false;
    const out = batch.records.flatMap((input) => {
      const zone = STORM_ZONES.find((z) => z.id === input.zoneId)!;
      return zoneStage.apply(input, zone, (rule) => expectedStations(zone, rule)).signals;
    });
    signals.push(...out);
    if (pick(20) === 0) zoneStore.rollback();
    else {
      zoneStore.commit();
      zoneInputs.committed[batch.partition] += batch.records.length;
    }
    return true;
  };
  // Stage two reads whatever stage one has published so far: the stages race each other too.
  for (;;) {
    const progressed = pick(2) === 0 ? stepStationStage() || stepZoneStage() : stepZoneStage() || stepStationStage();
    if (!progressed) break;
  }
  return signals;
}

/** The signals as alerting sees them: re-sent ones (same id) are one. */
function distinct(signals: IdentifiedAlertSignal[]): string[] {
  return [...new Map(signals.map((s) => [s.signalId, JSON.stringify(s)])).values()].sort();
}

/** Each zone's signals in the order they were handed on (a re-sent one counted where it first came). */
function perZoneOrder(signals: IdentifiedAlertSignal[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const s of signals) {
    const seen = (out[s.zoneId] ??= []);
    if (!seen.includes(s.signalId)) seen.push(s.signalId);
  }
  return out;
}

describe('event time does not depend on arrival order', () => {
  const referenceRun = runStorm(1, 'time-ordered');
  const reference = distinct(referenceRun);
  const referenceOrder = perZoneOrder(referenceRun);
  const parsed = reference.map((s) => JSON.parse(s) as IdentifiedAlertSignal);
  const of = (zoneId: string, ruleId: string) => parsed.filter((s) => s.zoneId === zoneId && s.ruleId === ruleId).sort((a, b) => a.at.localeCompare(b.at));

  it('the reference run says what the storm should: rising and falling flood alerts, a forecast warning, a silent gauge, a cloudburst', () => {
    expect(of('assens-havn', 'vandstand').map((s) => `${s.kind} ${s.severity ?? ''}`.trim())).toEqual([
      'firing yellow',
      'firing orange',
      'firing red',
      'firing orange',
      'firing yellow',
      'resolved',
    ]);
    expect(of('assens-havn', 'dkss-prognose').some((s) => s.kind === 'firing' && s.severity === 'red')).toBe(true);
    // Faaborg silent from 21:50 (its last value before the gap) + 1 h: the gauge-silent alert at that instant.
    const silent = of('faaborg-side', 'maaler-tavs');
    expect(silent.map((s) => [s.kind, s.at])).toEqual([
      ['firing', new Date(Date.parse(GAP_FROM) - 10 * 60_000 + 3_600_000 + 1).toISOString()],
      ['resolved', '2023-10-21T00:00:00.000Z'],
    ]);
    // The flood alert neither resolves nor re-fires over the gap: coverage lost is degraded, not clear.
    const flood = of('faaborg-side', 'vandstand');
    expect(flood.filter((s) => s.at > GAP_FROM && s.at < '2023-10-21T00:00:01.000Z').map((s) => s.kind)).toEqual(['degraded']);
    // With one of its two gauges silent, the k = 2 zone is degraded too, then resumes without re-firing.
    expect(of('helnaes', 'vandstand').filter((s) => s.at > GAP_FROM && s.at < '2023-10-21T00:00:01.000Z').map((s) => s.kind)).toEqual(['degraded']);
    // The 16:10 correction (read after its window was complete) re-judged the cloudburst: with it, 16:20 is double.
    expect(of('glamsbjerg', 'skybrud').map((s) => [s.kind, s.severity, s.at])).toEqual([
      ['firing', 'orange', '2023-10-20T16:20:00.000Z'],
      ['resolved', null, '2023-10-20T16:40:00.000Z'],
    ]);
  });

  it("hands each zone's signals on in event-time order", () => {
    for (const ids of Object.values(referenceOrder)) {
      const times = ids.map((id) => parsed.find((s) => s.signalId === id)!.at);
      expect(times).toEqual([...times].sort());
    }
  });

  it('the superseded 0.90 m reading never lowers the harbour alert: no signal at its instant', () => {
    expect(parsed.filter((s) => s.at === SUPERSEDED_AT)).toEqual([]);
  });

  it('gives identical signals in 200 random interleavings, batch sizes, crashes and window orders', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 2 ** 31 - 1 }), (seed) => {
        const signals = runStorm(seed);
        expect(distinct(signals)).toEqual(reference);
        // And in the same order per zone: what alerting builds across a zone's rules cannot differ either.
        expect(perZoneOrder(signals)).toEqual(referenceOrder);
      }),
      { numRuns: 200 },
    );
  });
});
