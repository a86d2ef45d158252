// npm run bench:evaluator: which zones does a station's observation concern? ZoneIndex (flatbush over grown
// bounding boxes, exact tests on candidates only) against the naive scan of every zone, in one run, on the same
// 5,000 zones and the same stations; both must answer identically for every station. Human lines, then one JSON line.
import { cpus, loadavg, totalmem } from 'node:os';
import { naiveZonesThreatenedBy, validateZoneGeometry, ZoneIndex, type IndexedZone, type ZoneThreat } from '@klimavagt/geo';
import { buildEvaluatorDataset, SCENARIOS, type BenchStation, type Scenario } from './evaluator/dataset';

const SETTINGS = {
  seed: 20231020, // the October 2023 storm surge
  zones: 5000,
  stations: 60,
  minVertices: 32,
  maxVertices: 128,
  minDiameterKm: 0.2,
  maxDiameterKm: 5,
  /** Naive and index alternate this many times, so load from elsewhere on the machine hits both alike. */
  rounds: 3,
  /** Per round: the naive scan runs full passes over the stations until this much time has gone (at least one). */
  naiveSecondsPerRound: 6,
  /** Per round: the index runs full passes until this much time has gone. */
  indexSecondsPerRound: 2,
  warmUpSeconds: 1,
  targetRatio: 100,
};

const log = (line: string) => process.stderr.write(`bench:evaluator: ${line}\n`);
const now = () => performance.now();

interface Timed {
  lookups: number;
  seconds: number;
}

/** Full passes over the stations until `seconds` have gone (at least one pass). */
function timePasses(stations: BenchStation[], seconds: number, lookup: (s: BenchStation) => ZoneThreat[]): Timed {
  let lookups = 0;
  let sink = 0;
  const start = now();
  let elapsed = 0;
  do {
    for (const station of stations) sink += lookup(station).length;
    lookups += stations.length;
    elapsed = (now() - start) / 1000;
  } while (elapsed < seconds);
  if (sink < 0) throw new Error('unreachable'); // keeps the results alive
  return { lookups, seconds: elapsed };
}

function firstDifference(naive: ZoneThreat[], indexed: ZoneThreat[]): string {
  const byId = (list: ZoneThreat[]) => new Map(list.map((t) => [t.zoneId, t]));
  const a = byId(naive);
  const b = byId(indexed);
  for (const id of new Set([...a.keys(), ...b.keys()])) {
    const x = JSON.stringify(a.get(id) ?? null);
    const y = JSON.stringify(b.get(id) ?? null);
    if (x !== y) return `zone ${id}: naive ${x}, index ${y}`;
  }
  return `same threats, different order: naive ${naive.map((t) => t.zoneId).join(',')}; index ${indexed.map((t) => t.zoneId).join(',')}`;
}

function main(): void {
  const load = loadavg();
  // `npm run bench:evaluator -- --clustered` for the crowded variant.
  const scenario: Scenario = process.argv.includes('--clustered') ? 'clustered' : 'spread';
  log(
    `generating ${SETTINGS.zones} zones of ${SETTINGS.minVertices}–${SETTINGS.maxVertices} vertices and ${SETTINGS.stations} stations (scenario ${scenario}, seed ${SETTINGS.seed})`,
  );
  const dataset = buildEvaluatorDataset({ ...SETTINGS, ...SCENARIOS[scenario] });
  const { stations } = dataset;

  // Every zone passes the same validation a planner's drawing does.
  let started = now();
  const zones: IndexedZone[] = dataset.zones.map((zone) => {
    const result = validateZoneGeometry(zone.geometry);
    if (!result.ok) throw new Error(`generated zone ${zone.id} is invalid: ${JSON.stringify(result.problems)}`);
    return { ...zone, geometry: result.geometry };
  });
  const validateSeconds = (now() - started) / 1000;
  log(`validated ${zones.length} zones in ${validateSeconds.toFixed(2)} s`);

  started = now();
  const builds = 5;
  let index = ZoneIndex.build(zones);
  for (let i = 1; i < builds; i++) index = ZoneIndex.build(zones);
  const buildMs = (now() - started) / builds;
  log(`index built in ${buildMs.toFixed(1)} ms`);

  // Correctness first: every station, both ways, identical answers (relations, order and distances).
  let threats = 0;
  const relations: Record<ZoneThreat['relation'], number> = { inside: 0, nearby: 0, representative: 0 };
  const naiveAnswers = stations.map((station) => naiveZonesThreatenedBy(zones, station));
  stations.forEach((station, i) => {
    const indexed = index.zonesThreatenedBy(station);
    if (JSON.stringify(indexed) !== JSON.stringify(naiveAnswers[i])) {
      throw new Error(`DIFFERENT RESULTS for station ${station.id} ${JSON.stringify(station.location)}: ${firstDifference(naiveAnswers[i], indexed)}`);
    }
    threats += indexed.length;
    for (const t of indexed) relations[t.relation] += 1;
  });
  log(`identical results for all ${stations.length} stations (${threats} threats: ${JSON.stringify(relations)})`);

  const naiveLookup = (station: BenchStation) => naiveZonesThreatenedBy(zones, station);
  const indexLookup = (station: BenchStation) => index.zonesThreatenedBy(station);
  timePasses(stations, SETTINGS.warmUpSeconds, indexLookup);

  const naive: Timed = { lookups: 0, seconds: 0 };
  const indexed: Timed = { lookups: 0, seconds: 0 };
  const perRound: { naivePerSecond: number; indexPerSecond: number; ratio: number }[] = [];
  for (let round = 1; round <= SETTINGS.rounds; round++) {
    const n = timePasses(stations, SETTINGS.naiveSecondsPerRound, naiveLookup);
    const x = timePasses(stations, SETTINGS.indexSecondsPerRound, indexLookup);
    naive.lookups += n.lookups;
    naive.seconds += n.seconds;
    indexed.lookups += x.lookups;
    indexed.seconds += x.seconds;
    const r = { naivePerSecond: n.lookups / n.seconds, indexPerSecond: x.lookups / x.seconds, ratio: 0 };
    r.ratio = r.indexPerSecond / r.naivePerSecond;
    perRound.push(r);
    log(`round ${round}: naive ${r.naivePerSecond.toFixed(1)}/s, index ${Math.round(r.indexPerSecond)}/s, ×${Math.round(r.ratio)}`);
  }

  const naiveRate = naive.lookups / naive.seconds;
  const indexRate = indexed.lookups / indexed.seconds;
  const ratio = indexRate / naiveRate;
  const verdict = ratio >= SETTINGS.targetRatio ? 'PASS' : 'MISS';
  const cpu = cpus();
  const fmt = (v: number, d = 0) => v.toLocaleString('en-GB', { minimumFractionDigits: d, maximumFractionDigits: d });

  const lines = [
    `scenario ${scenario} · zones ${fmt(zones.length)} (${dataset.vertices.min}–${dataset.vertices.max} vertices, ${fmt(dataset.vertices.total)} positions, ${dataset.diameterKm.min.toFixed(2)}–${dataset.diameterKm.max.toFixed(2)} km across) · stations ${stations.length} · ${threats} threats (${relations.inside} inside, ${relations.nearby} nearby, ${relations.representative} representative)`,
    `                      lookups/s      lookups   seconds`,
    `  index (flatbush)  ${fmt(indexRate, 1).padStart(12)} ${fmt(indexed.lookups).padStart(12)} ${indexed.seconds.toFixed(2).padStart(9)}`,
    `  naive (all zones) ${fmt(naiveRate, 1).padStart(12)} ${fmt(naive.lookups).padStart(12)} ${naive.seconds.toFixed(2).padStart(9)}`,
    `  ratio ×${fmt(ratio, 0)} (per round ${perRound.map((r) => `×${fmt(r.ratio, 0)}`).join(', ')}) — target ≥ ×${SETTINGS.targetRatio}: ${verdict}`,
    `  identical results for all ${stations.length} stations · index build ${buildMs.toFixed(1)} ms · validation of all zones ${validateSeconds.toFixed(2)} s`,
    `  ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'} · ${fmt(totalmem() / 2 ** 30, 1)} GiB · node ${process.version} · load average at start ${load.map((l) => l.toFixed(2)).join(' ')}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;
  const summary = {
    bench: 'evaluator',
    scenario,
    zones: zones.length,
    vertices: { min: dataset.vertices.min, max: dataset.vertices.max, totalPositions: dataset.vertices.total },
    zoneDiameterKm: { min: round(dataset.diameterKm.min, 2), max: round(dataset.diameterKm.max, 2) },
    stations: stations.length,
    threats: { total: threats, perStation: round(threats / stations.length, 1), ...relations },
    lookups: { index: indexed.lookups, naive: naive.lookups },
    seconds: { index: round(indexed.seconds, 3), naive: round(naive.seconds, 3) },
    lookupsPerSecond: { index: round(indexRate, 1), naive: round(naiveRate, 2) },
    ratio: round(ratio, 1),
    perRound: perRound.map((r) => ({ index: round(r.indexPerSecond, 1), naive: round(r.naivePerSecond, 2), ratio: round(r.ratio, 1) })),
    target: SETTINGS.targetRatio,
    verdict,
    identical: true,
    indexBuildMs: round(buildMs, 2),
    validationSeconds: round(validateSeconds, 3),
    seed: SETTINGS.seed,
    machine: {
      cpu: cpu[0]?.model ?? 'unknown',
      cpus: cpu.length,
      memoryGiB: round(totalmem() / 2 ** 30, 1),
      node: process.version,
      loadAverageAtStart: load.map((l) => round(l, 2)),
    },
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

try {
  main();
} catch (error) {
  process.stderr.write(`bench:evaluator: FAILED: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
