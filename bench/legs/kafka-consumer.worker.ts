// Leg (a)'s consumer, in its own thread (as the recorder is its own process): a plain kafkajs eachBatch that only counts.
import { parentPort, workerData } from 'node:worker_threads';
import { Kafka, logLevel } from 'kafkajs';

export interface ConsumerWorkerData {
  brokers: string[];
  topic: string;
  groupId: string;
}

/** Posted after every batch: messages received so far and when (epoch ms, comparable across threads). */
export interface ConsumerProgress {
  received: number;
  at: number;
}

async function main(): Promise<void> {
  const { brokers, topic, groupId } = workerData as ConsumerWorkerData;
  const consumer = new Kafka({
    clientId: 'klimavagt-bench-raw-consumer',
    brokers,
    logLevel: logLevel.WARN,
  }).consumer({ groupId });
  let received = 0;
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachBatch: async ({ batch }) => {
      received += batch.messages.length;
      parentPort!.postMessage({
        received,
        at: performance.timeOrigin + performance.now(),
      } satisfies ConsumerProgress);
    },
  });
  parentPort!.on('message', (message) => {
    if (message === 'stop') void consumer.disconnect().finally(() => process.exit(0));
  });
}

main().catch((error: Error) => {
  parentPort!.postMessage({ error: error.stack ?? error.message });
});
