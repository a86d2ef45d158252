// Leg (a): raw kafkajs produce→consume of the dataset's observations.v1 messages (acks -1, batches, eachBatch, no processing).
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { encodeEvent, ObservationsV1 } from '@klimavagt/contracts';
import { ensureTopics } from '@klimavagt/messaging';
import { uniqueName } from '../../test/harness/test-kafka';
import type { BenchConfig } from '../config';
import { CpuRoots, CpuSeconds, cpuSince, sampleCpu } from '../cpu';
import { Chunk, Dataset, warmupChunks } from '../dataset';
import { forEachConcurrently, waitUntil } from '../util';
import type { ConsumerProgress, ConsumerWorkerData } from './kafka-consumer.worker';

export interface KafkaLegResult {
  messages: number;
  seconds: number;
  messagesPerSecond: number;
  topic: string;
  consumedBatches: number;
  cpu: CpuSeconds;
}

type Encoded = { key: string; value: string }[];
const encode = (chunks: Chunk[]): Encoded[] =>
  chunks.map((c) => c.observations.map((o) => encodeEvent(ObservationsV1, o)));
const epochMs = () => performance.timeOrigin + performance.now();

/** The consumer runs in a worker thread, so producing and consuming do not share one event loop. */
function startConsumer(data: ConsumerWorkerData) {
  const worker = new Worker(join(__dirname, 'kafka-consumer.worker.js'), { workerData: data });
  const state = { received: 0, batches: 0, lastAt: 0, error: undefined as string | undefined };
  worker.on('message', (m: ConsumerProgress | { error: string }) => {
    if ('error' in m) state.error = m.error;
    else Object.assign(state, { received: m.received, lastAt: m.at, batches: state.batches + 1 });
  });
  worker.on('error', (e) => (state.error = e.message));
  const stop = async () => {
    worker.postMessage('stop');
    const timer = setTimeout(() => void worker.terminate(), 10_000);
    await new Promise((resolve) => worker.once('exit', resolve));
    clearTimeout(timer);
  };
  return { state, stop };
}

export async function runKafkaLeg(
  brokers: string[],
  dataset: Dataset,
  config: BenchConfig,
  roots: CpuRoots,
): Promise<KafkaLegResult> {
  const kafka = new Kafka({ clientId: 'klimavagt-bench-raw', brokers, logLevel: logLevel.WARN });
  const topic = `${uniqueName('bench')}.${ObservationsV1.topic}`;
  await ensureTopics(kafka, [{ topic, numPartitions: config.partitions, replicationFactor: 1 }]);
  const producer = kafka.producer({
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  const warm = encode(warmupChunks(dataset.stations, 500, config.batch));
  const measured = encode(dataset.chunks);
  const send = (batches: Encoded[]) =>
    forEachConcurrently(
      batches,
      config.clients,
      async (messages) => void (await producer.send({ topic, acks: -1, messages })),
    );

  await producer.connect();
  const consumer = startConsumer({ brokers, topic, groupId: uniqueName('bench-raw') });
  const reached = (count: number) => () => {
    if (consumer.state.error) throw new Error(`(a) consumer: ${consumer.state.error}`);
    return consumer.state.received >= count;
  };
  try {
    // Warm-up: the group joins, connections and code paths get hot.
    const warmCount = warm.reduce((n, b) => n + b.length, 0);
    await send(warm);
    await waitUntil(reached(warmCount), 60_000, 'the warm-up messages');

    const batchesBefore = consumer.state.batches;
    const cpuBefore = sampleCpu(roots);
    const start = epochMs();
    await send(measured);
    const target = warmCount + dataset.observations.length;
    await waitUntil(reached(target), 120_000, 'every measured message to be consumed', 5);
    const cpu = cpuSince(cpuBefore, sampleCpu(roots));
    const seconds = (consumer.state.lastAt - start) / 1_000;
    const messages = consumer.state.received - warmCount;
    return {
      messages,
      seconds,
      messagesPerSecond: messages / seconds,
      topic,
      consumedBatches: consumer.state.batches - batchesBefore,
      cpu,
    };
  } finally {
    await Promise.allSettled([consumer.stop(), producer.disconnect()]);
  }
}
