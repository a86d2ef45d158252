// Reads everything on a topic from the beginning, for assertions on what a component published.
import { Kafka } from 'kafkajs';
import { createKafka } from '@klimavagt/messaging';
import { testKafkaBrokers, uniqueName } from './test-kafka';

export class TopicReader {
  readonly messages: { key: string | null; value: string }[] = [];
  private constructor(private readonly kafka: Kafka, private readonly consumer: ReturnType<Kafka['consumer']>) {}

  static async start(topic: string): Promise<TopicReader> {
    const kafka = createKafka({ brokers: testKafkaBrokers(), clientId: 'topic-reader', connectTimeoutMs: 5_000, requestTimeoutMs: 30_000 });
    const consumer = kafka.consumer({ groupId: uniqueName('reader'), maxWaitTimeInMs: 200 });
    const reader = new TopicReader(kafka, consumer);
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        reader.messages.push({ key: message.key?.toString() ?? null, value: message.value?.toString() ?? '' });
      },
    });
    return reader;
  }

  json<T>(): T[] {
    return this.messages.map((m) => JSON.parse(m.value) as T);
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}
