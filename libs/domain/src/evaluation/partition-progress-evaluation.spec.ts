// Both stages together on inputs as Kafka hands them over when partitions are read at different speeds.
import type { ZoneRule } from '../rules/rule-spec';
import type { StationVerdict } from '../rules/verdict';
import type { Severity } from '../zones/hazard';
import type { Zone } from '../zones/zone';
import { PROGRESS_STEP_MS, StationStageEvaluator, type StationStageState } from './station-stage-evaluator';
import { StateStore } from './state-store';
import type { ZoneInput } from './zone-input';
import { ZoneStageEvaluator, type ZoneStageOutput, type ZoneStageState } from './zone-stage-evaluator';

const MIN = 60_000;
const T0 = Date.UTC(2023, 9, 20, 12);
const at = (minute: number) => new Date(T0 + minute * MIN).toISOString();

const levelRule = (k: number): ZoneRule => ({
  id: 'vandstand',
  hazard: 'coastal-flooding',
  spec: { kind: 'threshold', parameter: 'sea_level', levelSetId: 'today', minDurationMs: 0 },
  quorum: { k },
  enabled: true,
});

function zone(k: number): Zone {
  return {
    id: 'helnaes-daemning',
    name: 'Helnæs dæmning',
    illustrative: true,
    hazards: ['coastal-flooding'],
    owner: 'test',
    geometry: { type: 'Polygon', coordinates: [[[10, 55], [10.01, 55], [10.01, 55.01], [10, 55]]] },
    representativeStationIds: ['9020201', '9020301'],
    nearbyDistanceM: 0,
    levelSets: [],
    rules: [levelRule(k), { id: 'maaler-tavs', hazard: 'coastal-flooding', spec: { kind: 'stale', maxSilenceMs: 60 * MIN }, enabled: true }],
    version: 1,
    validFrom: at(-1000),
    validTo: null,
  };
}

function verdict(stationId: string, minute: number, severity: Severity | null = 'yellow'): ZoneInput {
  const v: StationVerdict = { zoneId: 'helnaes-daemning', ruleId: 'vandstand', hazard: 'coastal-flooding', stationId, severity, status: 'ok', measured: 1.1, at: at(minute) };
  return { kind: 'verdict', zoneId: v.zoneId, verdict: v };
}

/** Stage one's word on (re)assignment: the partition has unread records, none read yet. */
const backlog = (partition: number): ZoneInput => ({ kind: 'progress', zoneId: 'helnaes-daemning', source: `observations.v1/${partition}`, at: null, idle: false });

const progress = (partition: number, minute: number, idle = false): ZoneInput => ({
  kind: 'progress',
  zoneId: 'helnaes-daemning',
  source: `observations.v1/${partition}`,
  at: at(minute),
  idle,
});

function run(z: Zone, inputs: ZoneInput[]) {
  const evaluator = new ZoneStageEvaluator(new StateStore<ZoneStageState>());
  const outputs: ZoneStageOutput[] = inputs.map((i) => evaluator.apply(i, z, () => ['9020201', '9020301']));
  return {
    states: outputs.flatMap((o) => o.outcomes.map((x) => x.state)),
    signals: outputs.flatMap((o) => o.signals.map((s) => `${s.kind} ${s.severity ?? ''}`.trim())),
  };
}

describe('silence across partitions read at different speeds', () => {
  // Assens' gauge on partition 0 read six hours ahead of Faaborg's on partition 1, as in a fast replay.
  const aheadThenBehind: ZoneInput[] = [
    verdict('9020201', 0),
    verdict('9020301', 0),
    progress(0, 0),
    progress(1, 0),
    ...Array.from({ length: 35 }, (_, i) => [verdict('9020201', (i + 1) * 10), progress(0, (i + 1) * 10)]).flat(),
    ...Array.from({ length: 35 }, (_, i) => [verdict('9020301', (i + 1) * 10), progress(1, (i + 1) * 10)]).flat(),
  ];

  it('a gauge on a partition read behind another is not silent: no degraded signal, no flapping (k = 2)', () => {
    const { signals, states } = run(zone(2), aheadThenBehind);
    // Unknown only until Faaborg first speaks (two of two must agree), then yellow throughout.
    expect(states).toEqual(['unknown', 'yellow']);
    expect(signals).toEqual(['firing yellow']);
  });

  it('measured against the newest event time instead (every partition idle), the same inputs silence Faaborg', () => {
    // What the low watermark replaces: Assens' partition, six hours ahead, would make Faaborg look silent.
    const newestOnly = aheadThenBehind.map((i) => (i.kind === 'progress' ? { ...i, idle: true } : i));
    const { states, signals } = run(zone(2), newestOnly);
    expect(states).toEqual(['unknown', 'yellow', 'unknown', 'yellow']);
    expect(signals).toEqual(['firing yellow', 'degraded yellow']);
  });

  it('a zone whose gauges all fell silent turns unknown once their partitions are idle, from others\' progress', () => {
    const inputs: ZoneInput[] = [
      verdict('9020201', 0),
      verdict('9020301', 0),
      progress(0, 0),
      progress(1, 0),
      // Both gauges stop; a weather station on partition 2 keeps the event time moving...
      progress(2, 30),
      progress(2, 61),
      // ...but the gauges' partitions hold it back until stage one calls them idle.
      progress(0, 0, true),
      progress(1, 0, true),
    ];
    const { signals, states } = run(zone(1), inputs);
    expect(states).toEqual(['yellow', 'unknown']);
    expect(signals.map((s) => s.split(' ')[0])).toEqual(['firing', 'degraded']);
  });

  it('a partition not yet idle holds silence back, however far another has been read', () => {
    const inputs: ZoneInput[] = [verdict('9020201', 0), verdict('9020301', 0), progress(0, 0), progress(1, 0), progress(2, 600)];
    expect(run(zone(1), inputs).signals).toEqual(['firing yellow']);
  });
});

describe('event-time order in stage two', () => {
  // Assens rises first, Faaborg later and higher: the zone's k = 1 severity depends on both at each moment.
  const severityAt = (gauge: string, minute: number): Severity | null => {
    const level = gauge === '9020201' ? minute / 60 : (minute - 60) / 50;
    return level >= 3 ? 'red' : level >= 2 ? 'orange' : level >= 1 ? 'yellow' : null;
  };
  const stream = (gauge: string, partition: number) =>
    Array.from({ length: 30 }, (_, i) => [verdict(gauge, i * 10, severityAt(gauge, i * 10)), progress(partition, i * 10)]);
  const signalsOf = (inputs: ZoneInput[]) => {
    const evaluator = new ZoneStageEvaluator(new StateStore<ZoneStageState>());
    return inputs.flatMap((i) => evaluator.apply(i, zone(1), () => ['9020201', '9020301']).signals.map((s) => s.signalId));
  };

  it('gives the same signals whichever partition Kafka hands over first', () => {
    const assens = stream('9020201', 0);
    const faaborg = stream('9020301', 1);
    const start = [backlog(0), backlog(1)];
    const assensFirst = [...start, ...assens.flat(), ...faaborg.flat()];
    const faaborgFirst = [...start, ...faaborg.flat(), ...assens.flat()];
    const interleaved = [...start, ...assens.flatMap((a, i) => [...faaborg[i], ...a])];
    const expected = signalsOf(interleaved);
    expect(expected.length).toBeGreaterThan(2);
    expect(signalsOf(assensFirst)).toEqual(expected);
    expect(signalsOf(faaborgFirst)).toEqual(expected);
  });

  it('holds a verdict until every partition has been read past it, then applies it at its own time', () => {
    const evaluator = new ZoneStageEvaluator(new StateStore<ZoneStageState>());
    const apply = (i: ZoneInput) => evaluator.apply(i, zone(1), () => ['9020201', '9020301']).signals.map((s) => `${s.kind} ${s.severity} @${s.at}`);
    expect(apply(progress(1, 0))).toEqual([]);
    expect(apply(verdict('9020201', 20, 'orange'))).toEqual([]);
    expect(apply(progress(0, 20))).toEqual([]); // partition 1 has only reached minute 0
    expect(apply(progress(1, 30))).toEqual([`firing orange @${at(20)}`]);
    // Late data (older than the low watermark) is applied at once, its signal kept in order.
    expect(apply(verdict('9020301', 15, 'red'))).toEqual([`firing red @${new Date(Date.parse(at(20)) + 1).toISOString()}`]);
  });

  it('runs ahead of no partition that has unread records but was not read yet', () => {
    const evaluator = new ZoneStageEvaluator(new StateStore<ZoneStageState>());
    const apply = (i: ZoneInput) => evaluator.apply(i, zone(1), () => ['9020201', '9020301']).signals.map((s) => `${s.kind} ${s.severity}`);
    apply(backlog(0));
    apply(backlog(1));
    expect(apply(verdict('9020201', 20, 'orange'))).toEqual([]);
    expect(apply(progress(0, 20))).toEqual([]);
    expect(apply(progress(1, 20))).toEqual(['firing orange']);
  });
});

describe('stage one announcing its partitions\' progress', () => {
  const zones = ['assens-havn', 'helnaes-daemning'];
  const fresh = () => new StationStageEvaluator(new StateStore<StationStageState>());
  const times = (inputs: ZoneInput[]) => inputs.map((i) => i.kind === 'progress' && `${i.at}${i.idle ? ' idle' : ''}`);

  it('tells every zone on the first batch, then again once event time moved a cadence step', () => {
    const e = fresh();
    const first = e.applyProgress('observations.v1/0', [at(0), at(5), at(3)], zones);
    expect(first).toEqual(zones.map((zoneId) => ({ kind: 'progress', zoneId, source: 'observations.v1/0', at: at(5), idle: false })));
    expect(e.applyProgress('observations.v1/0', [at(10)], zones)).toEqual([]);
    expect(PROGRESS_STEP_MS).toBe(10 * MIN);
    expect(times(e.applyProgress('observations.v1/0', [at(15)], zones))).toEqual([at(15), at(15)]);
  });

  it('announces idleness once, at the last time read, and the next batch at once', () => {
    const e = fresh();
    expect(e.applyIdle('observations.v1/0', zones)).toEqual([]); // never read: nothing to hold back
    e.applyProgress('observations.v1/0', [at(0)], zones);
    e.applyProgress('observations.v1/0', [at(4)], zones);
    expect(times(e.applyIdle('observations.v1/0', zones))).toEqual([`${at(4)} idle`, `${at(4)} idle`]);
    expect(e.applyIdle('observations.v1/0', zones)).toEqual([]);
    expect(times(e.applyProgress('observations.v1/0', [at(5)], zones))).toEqual([at(5), at(5)]);
  });

  it('never announces time going back: a re-delivered older batch says nothing new', () => {
    const e = fresh();
    e.applyProgress('observations.v1/0', [at(30)], zones);
    expect(e.applyProgress('observations.v1/0', [at(0)], zones)).toEqual([]);
    expect(times(e.applyProgress('observations.v1/0', [at(40)], zones))).toEqual([at(40), at(40)]);
  });
});
