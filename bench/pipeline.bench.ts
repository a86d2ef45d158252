// npm run bench:pipeline: (a) raw Kafka, (c) the real pipeline, (b) raw PostgreSQL at the recorder's batch size; one report.
import { benchConfig } from './config';
import type { CpuRoots } from './cpu';
import { buildDataset } from './dataset';
import { startKafka, startPostgres } from './infra';
import { runKafkaLeg } from './legs/kafka-raw';
import { runEmbeddedPgLeg, runPgLeg } from './legs/pg-raw';
import { runPipelineLeg } from './legs/pipeline';
import { runRecorderDrainLeg } from './legs/recorder-drain';
import { report } from './report';
import { installSignalHandlers, stoppedBySignal, teardownAll } from './teardown';

const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

async function main(): Promise<void> {
  installSignalHandlers();
  const config = benchConfig();
  const dataset = buildDataset(config);
  const postgres = await startPostgres();
  const kafka = await startKafka();
  const kafkaRoot: CpuRoots = kafka.pid ? { kafka: kafka.pid } : {};
  const pgRoot: CpuRoots = { postgres: postgres.pid };

  log(`(a) raw kafkajs produce→consume of ${config.n} messages`);
  const a = await runKafkaLeg(kafka.brokers, dataset, config, { ...kafkaRoot, bench: 'bench' });
  log(`(a) ${Math.round(a.messagesPerSecond)} msg/s`);

  const pipelineDb = await postgres.freshDatabase('bench_pipeline');
  const c = await runPipelineLeg(pipelineDb, kafka.brokers, dataset, config, {
    ...kafkaRoot,
    ...pgRoot,
    bench: 'bench',
  });
  log(`(c) ${Math.round(c.rowsPerSecond)} rows/s; recorder mean batch ${c.recorder.meanBatch.toFixed(1)}`);

  log('(d) the recorder alone, draining a backlog');
  const d = await runRecorderDrainLeg(await postgres.freshDatabase('bench_drain'), kafka.brokers, dataset, config, {
    ...kafkaRoot,
    ...pgRoot,
  });
  log(`(d) ${Math.round(d.rowsPerSecond)} rows/s`);

  const pgBatch = config.pgBatch ?? Math.max(1, Math.round(c.recorder.meanBatch));
  const pgRoots: CpuRoots = { ...pgRoot, bench: 'bench' };
  log(`(b) raw pg bulk upsert of ${config.n} rows at batch ${pgBatch}`);
  const b = await runPgLeg(
    await postgres.freshDatabase('bench_raw'),
    'postgres',
    dataset.observations,
    pgBatch,
    pgRoots,
  );
  const bAtRequestBatch =
    pgBatch === config.batch
      ? undefined
      : await runPgLeg(
          await postgres.freshDatabase('bench_raw_request_batch'),
          'postgres',
          dataset.observations,
          config.batch,
          pgRoots,
        );
  // The embedded engine runs in a child process of the bench: count the bench's whole process tree.
  const bEmbedded = config.embedded
    ? await runEmbeddedPgLeg(dataset.observations, pgBatch, { 'bench+engine': process.pid })
    : undefined;

  report({
    config,
    stations: dataset.stations,
    kafka,
    postgresVersion: postgres.version,
    a,
    b,
    bAtRequestBatch,
    bEmbedded,
    c,
    d,
  });
}

main()
  .then(() => teardownAll().then(() => process.exit(0)))
  .catch(async (error: Error) => {
    if (stoppedBySignal()) return; // the signal handler tears down and exits
    process.stderr.write(`bench: failed: ${error.stack ?? error.message}\n`);
    await teardownAll();
    process.exit(1);
  });
