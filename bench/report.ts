// Prints the results as readable lines, the ratios against their targets (PASS/MISS), and one closing JSON line.
import type { DrainLegResult } from './legs/recorder-drain';
import { cpus, release, totalmem, type as osType } from 'node:os';
import type { BenchConfig } from './config';
import { CpuSeconds, describeCpu } from './cpu';
import type { BenchKafka } from './infra';
import type { KafkaLegResult } from './legs/kafka-raw';
import type { PgLegResult } from './legs/pg-raw';
import type { PipelineLegResult } from './legs/pipeline';
import { round } from './util';

export interface BenchResults {
  config: BenchConfig;
  stations: string[];
  kafka: BenchKafka;
  postgresVersion: string;
  a: KafkaLegResult;
  b: PgLegResult;
  /** (b) again at BENCH_BATCH when that differs from the recorder's batch size. */
  bAtRequestBatch?: PgLegResult;
  bEmbedded?: PgLegResult & { failedAtBatch?: { batch: number; error: string } };
  c: PipelineLegResult;
  d: DrainLegResult;
}

const TARGET_PIPELINE = 0.5;
const TARGET_RECORDER = 0.6;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const verdict = (ratio: number, target: number) => (ratio >= target ? 'PASS' : 'MISS');
const cpuJson = (cpu: CpuSeconds) =>
  Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, round(v, 2)]));
const pgJson = (r: PgLegResult) => ({
  engine: r.engine,
  rows: r.rows,
  batch: r.batchSize,
  statements: r.statements,
  seconds: round(r.seconds, 3),
  rowsPerSecond: round(r.rowsPerSecond),
  cpuSeconds: cpuJson(r.cpu),
});

function pgLine(label: string, r: PgLegResult): string {
  return `${label}: ${fmt(r.rows)} rows, ${r.statements} statements of ${r.batchSize}, ${r.seconds.toFixed(2)} s = ${fmt(r.rowsPerSecond)} rows/s`;
}

function machine(results: BenchResults) {
  const cpu = cpus();
  return {
    os: `${osType()} ${release()}`,
    cpuModel: cpu[0]?.model.trim() ?? 'unknown',
    cpuCount: cpu.length,
    totalMemoryGiB: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    postgres: results.postgresVersion,
    kafka: results.kafka.version,
  };
}

export function report(r: BenchResults): void {
  const { config, a, b, c, d } = r;
  const m = machine(r);
  const cpuLine = (cpu: CpuSeconds, seconds: number) => `    CPU-s: ${describeCpu(cpu, seconds, m.cpuCount)}`;
  const pipelineRatio = c.rowsPerSecond / Math.min(a.messagesPerSecond, b.rowsPerSecond);
  // The recorder's own write rate: draining a backlog (d), where ingest does not starve it.
  const recorderRatio = d.rowsPerSecond / b.rowsPerSecond;
  const recorderInPipelineRatio = c.commits.recorderRowsPerSecond / b.rowsPerSecond;
  const recorderMetricsRatio = c.recorder.metricsRowsPerSecond / b.rowsPerSecond;
  const pgBatchOrigin = config.pgBatch
    ? 'BENCH_PG_BATCH'
    : `the recorder's mean batch in (c) was ${round(c.recorder.meanBatch, 1)}`;
  const others = [a, b, c].map((leg) => (leg.cpu.other ?? 0) / (leg.seconds * m.cpuCount));
  const noisy = Math.max(...others);
  const lines = [
    `Klimavagt pipeline bench: N=${fmt(config.n)} observations per leg, batch ${config.batch} (produce batch / HTTP request), ` +
      `${r.stations.length} stations over ${config.partitions} partitions, ${config.clients} concurrent producers / HTTP clients`,
    `machine: ${m.cpuModel} x${m.cpuCount}, ${m.totalMemoryGiB} GiB, ${m.os}, node ${m.node}`,
    `database: Debian PostgreSQL ${m.postgres}, started by the bench in a temp dir (harness: fsync=off, synchronous_commit=off; ` +
      `bench: track_commit_timestamp=on); a fresh database per leg with the real migrations (plain-PostgreSQL variant)`,
    `kafka: ${r.kafka.version}, ${r.kafka.origin}`,
    `(a) kafkajs raw produce→consume: ${fmt(a.messages)} msgs in ${a.seconds.toFixed(2)} s = ${fmt(a.messagesPerSecond)} msg/s ` +
      `(acks -1, first send → last receive, consumer in a worker thread, ${a.consumedBatches} batches consumed)`,
    cpuLine(a.cpu, a.seconds),
    pgLine(`(b) pg raw bulk upsert, the recorder's statement on 1 connection (${pgBatchOrigin})`, b),
    cpuLine(b.cpu, b.seconds),
    ...(r.bAtRequestBatch
      ? [pgLine(`    (b) same at batch ${r.bAtRequestBatch.batchSize}, for reference`, r.bAtRequestBatch)]
      : []),
    ...(r.bEmbedded?.failedAtBatch
      ? [
          `    (b) embedded TimescaleDB engine FAILED at batch ${r.bEmbedded.failedAtBatch.batch}: ${r.bEmbedded.failedAtBatch.error}`,
        ]
      : []),
    ...(r.bEmbedded
      ? [pgLine('    (b) embedded TimescaleDB engine (PGlite/WASM), reported separately', r.bEmbedded)]
      : []),
    `(c) pipeline HTTP→Kafka→recorder→committed: ${fmt(c.rows)} rows in ${c.seconds.toFixed(2)} s = ${fmt(c.rowsPerSecond)} rows/s ` +
      `(first POST → last row's commit timestamp)`,
    `    HTTP: ${c.requests} POSTs, last 202 after ${c.postSeconds.toFixed(2)} s, per-request p50 ${fmt(c.httpP50Ms)} ms / p99 ${fmt(c.httpP99Ms)} ms`,
    cpuLine(c.cpu, c.seconds),
    `    recorder write rate: ${fmt(c.commits.recorderRowsPerSecond)} rows/s between its first and last commit ` +
      `(${c.commits.transactions} write transactions)`,
    `    recorder busy: a write transaction was open ${(c.commits.writeBusyShare * 100).toFixed(0)}% of the window; ` +
      `${fmt(c.commits.busyRowsPerSecond)} rows/s while writing (rows / union of [transaction start, commit])`,
    `    recorder /metrics: ${fmt(c.recorder.metricsRowsPerSecond)} rows/s = rows_written_total / write_duration_seconds_sum ` +
      `(${c.recorder.writes} writes, mean ${round(c.recorder.meanBatch, 1)} rows, mean ${c.recorder.meanWriteMs.toFixed(1)} ms; overlapping writes count twice)`,
    `    ingest→commit latency: p50 ${fmt(c.commits.latencyP50Ms)} ms, p99 ${fmt(c.commits.latencyP99Ms)} ms ` +
      `(commit timestamp − received_at, every measured row)`,
    `(d) recorder alone draining a backlog of ${fmt(d.rows)} observations: ${d.seconds.toFixed(2)} s first → last commit = ${fmt(d.rowsPerSecond)} rows/s ` +
      `(${d.transactions} write transactions)`,
    cpuLine(d.cpu, d.seconds),
    ...(noisy > 0.1
      ? [
          `WARNING: other processes used up to ${(noisy * 100).toFixed(0)}% of the machine during a leg ("other" above): the figures are not clean`,
        ]
      : []),
    `ratio pipeline/min(a,b) = ${pipelineRatio.toFixed(2)} (target ≥ ${TARGET_PIPELINE}) ${verdict(pipelineRatio, TARGET_PIPELINE)}`,
    `ratio recorder-write (d)/(b) = ${recorderRatio.toFixed(2)} (target ≥ ${TARGET_RECORDER}) ${verdict(recorderRatio, TARGET_RECORDER)} ` +
      `[inside the pipeline (c): ${recorderInPipelineRatio.toFixed(2)}, starved by ingest; /metrics variant ${recorderMetricsRatio.toFixed(2)}; ` +
      `while-writing variant ${(c.commits.busyRowsPerSecond / b.rowsPerSecond).toFixed(2)}]`,
  ];
  const json = {
    bench: 'pipeline',
    n: config.n,
    batch: config.batch,
    pgBatch: b.batchSize,
    clients: config.clients,
    stations: r.stations.length,
    partitions: config.partitions,
    a: {
      messages: a.messages,
      seconds: round(a.seconds, 3),
      messagesPerSecond: round(a.messagesPerSecond),
      cpuSeconds: cpuJson(a.cpu),
    },
    b: pgJson(b),
    ...(r.bAtRequestBatch ? { bAtRequestBatch: pgJson(r.bAtRequestBatch) } : {}),
    ...(r.bEmbedded
      ? { bEmbedded: { ...pgJson(r.bEmbedded), failedAtBatch: r.bEmbedded.failedAtBatch } }
      : {}),
    d: { rows: d.rows, seconds: round(d.seconds, 3), rowsPerSecond: round(d.rowsPerSecond), transactions: d.transactions, cpuSeconds: cpuJson(d.cpu) },
    c: {
      rows: c.rows,
      requests: c.requests,
      seconds: round(c.seconds, 3),
      rowsPerSecond: round(c.rowsPerSecond),
      postSeconds: round(c.postSeconds, 3),
      httpP50Ms: round(c.httpP50Ms, 1),
      httpP99Ms: round(c.httpP99Ms, 1),
      recorderWriteRowsPerSecond: round(c.commits.recorderRowsPerSecond),
      recorderWriteTransactions: c.commits.transactions,
      recorderWriteBusyShare: round(c.commits.writeBusyShare, 3),
      recorderBusyRowsPerSecond: round(c.commits.busyRowsPerSecond),
      recorderMetricsRowsPerSecond: round(c.recorder.metricsRowsPerSecond),
      recorderRowsWritten: c.recorder.rowsWritten,
      recorderMeanBatch: round(c.recorder.meanBatch, 1),
      recorderMeanWriteMs: round(c.recorder.meanWriteMs, 2),
      latencyP50Ms: round(c.commits.latencyP50Ms, 1),
      latencyP99Ms: round(c.commits.latencyP99Ms, 1),
      latencySource: 'pg_xact_commit_timestamp(xmin) - received_at, all measured rows',
      cpuSeconds: cpuJson(c.cpu),
    },
    ratios: {
      pipelineOverMinAB: round(pipelineRatio, 3),
      pipelineTarget: TARGET_PIPELINE,
      pipelineVerdict: verdict(pipelineRatio, TARGET_PIPELINE),
      recorderWriteOverB: round(recorderRatio, 3),
      recorderInPipelineOverB: round(recorderInPipelineRatio, 3),
      recorderTarget: TARGET_RECORDER,
      recorderVerdict: verdict(recorderRatio, TARGET_RECORDER),
      recorderMetricsOverB: round(recorderMetricsRatio, 3),
      recorderBusyOverB: round(c.commits.busyRowsPerSecond / b.rowsPerSecond, 3),
    },
    machine: {
      ...m,
      database: 'Debian PostgreSQL, temp dir, started by the bench',
      kafkaOrigin: r.kafka.origin,
    },
  };
  process.stdout.write(`${lines.join('\n')}\n${JSON.stringify(json)}\n`);
}
