// Publishes contract events with an idempotent producer, acknowledged by all in-sync replicas, within a deadline.
import { Kafka, Partitioners, Producer } from 'kafkajs';
import { EventContract, encodeEvent } from '@klimavagt/contracts';
import { disconnectWithin } from './bounded-disconnect';
import { MessagingError } from './messaging-error';

/**
 * kafkajs sends one record batch per partition per request, and the broker refuses a batch over
 * `max.message.bytes` (1 MiB by default): a large HTTP batch from one sensor is sent in slices below that.
 */
const MAX_SLICE_BYTES = 512 * 1024;

export interface PublisherOptions {
  /** Prepended to every topic name (one cluster shared by environments, or by parallel test files). */
  topicPrefix?: string;
  /** A publish that takes longer fails with `publish-timeout` (retriable): HTTP callers answer 503. */
  publishTimeoutMs: number;
}

export class EventPublisher {
  private readonly producer: Producer;
  private connected?: Promise<void>;

  constructor(
    kafka: Kafka,
    private readonly options: PublisherOptions,
  ) {
    // kafkajs requires maxInFlightRequests 1 for idempotence; acks -1 is forced by idempotent mode.
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
      retry: { retries: 5, initialRetryTime: 200, maxRetryTime: 5_000 },
    });
  }

  connect(): Promise<void> {
    this.connected ??= this.producer.connect().catch((error) => {
      this.connected = undefined;
      throw new MessagingError(`Kafka is unreachable: ${(error as Error).message}`, 'kafka-unavailable', true, { cause: error });
    });
    return this.connected;
  }

  /** Resolves only once Kafka has acknowledged every event. */
  async publish<T>(contract: EventContract<T>, events: readonly T[]): Promise<void> {
    if (events.length === 0) return;
    await this.send(contract.topic, events.map((e) => encodeEvent(contract, e)));
  }

  async send(topic: string, messages: { key: string | null; value: string | Buffer }[]): Promise<void> {
    if (messages.length === 0) return;
    topic = `${this.options.topicPrefix ?? ''}${topic}`;
    await this.connect();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new MessagingError(`Kafka did not acknowledge within ${this.options.publishTimeoutMs} ms`, 'publish-timeout', true)),
        this.options.publishTimeoutMs,
      );
    });
    try {
      const sending = (async () => {
        for (const slice of slices(messages)) {
          await this.producer.send({ topic, acks: -1, timeout: this.options.publishTimeoutMs, messages: slice });
        }
      })();
      await Promise.race([sending, deadline]);
    } catch (error) {
      if (error instanceof MessagingError) throw error;
      const e = error as { retriable?: boolean; message: string; name?: string };
      const retriable = e.retriable !== false || /Connection|ECONNREFUSED|broker|leader/i.test(e.message);
      throw new MessagingError(
        `publishing to ${topic} failed: ${e.message}`,
        retriable ? 'kafka-unavailable' : 'publish-rejected',
        retriable,
        { cause: error },
      );
    } finally {
      clearTimeout(timer);
    }
  }

  /** Waits at most DISCONNECT_BOUND_MS (see BatchConsumer.stop); false when the disconnect was abandoned. */
  async disconnect(): Promise<boolean> {
    this.connected = undefined;
    return disconnectWithin(() => this.producer.disconnect());
  }
}

function slices<M extends { key: string | null; value: string | Buffer }>(messages: M[]): M[][] {
  const out: M[][] = [];
  let current: M[] = [];
  let bytes = 0;
  for (const m of messages) {
    const size = Buffer.byteLength(m.value) + (m.key ? Buffer.byteLength(m.key) : 0) + 64;
    if (current.length > 0 && bytes + size > MAX_SLICE_BYTES) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(m);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}
