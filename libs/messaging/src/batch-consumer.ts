// Consumes a contract's topic in batches and commits an offset only after the handler's write for it succeeded.
//
// Failure handling, per batch:
//  - a value that does not decode is dead-lettered (with reason and raw payload) before the batch is handled;
//  - an outage — a retriable error (database or broker down) or a systemic one (the database refuses every
//    write: privilege, extension, read-only, disk full) — stalls the partition: the same batch is retried with
//    capped backoff, nothing is committed, heartbeats keep the group membership, the consumer reports itself
//    stalled (readiness, observer) until the batch goes through, and it resumes by itself;
//  - any other error isolates the poison (poison-isolation.ts): the batch is retried message by message, and a
//    message that still fails after `maxAttempts` on its own is dead-lettered while the partition flows on —
//    unless isolation finds the records refused alike, which is an outage again. Acknowledged data is never
//    dead-lettered for a database error.
import { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { decodeEvent, DeadLettersV1, DeadLetterV1, EventContract } from '@klimavagt/contracts';
import { ConsumerStalls, StallObserver, StallStatus } from './consumer-stall';
import { disconnectWithin } from './bounded-disconnect';
import { EventPublisher } from './event-publisher';
import { isOutage, MessagingError } from './messaging-error';
import { isolatePoison } from './poison-isolation';

export interface ConsumedEvent<T> {
  event: T;
  partition: number;
  offset: string;
}

/** Where a batch came from: the contract's topic (unprefixed) and its partition. */
export interface BatchSource {
  topic: string;
  partition: number;
}

export type BatchHandler<T> = (events: ConsumedEvent<T>[], source: BatchSource) => Promise<void>;

/** This instance's partitions after a (re)join, and for each whether it had records left to read. */
export interface PartitionAssignment {
  partition: number;
  hasBacklog: boolean;
}

export type AssignmentListener = (assignment: PartitionAssignment[]) => Promise<void>;

export interface BatchConsumerObserver extends StallObserver {
  batchHandled?(topic: string, partition: number, size: number, seconds: number): void;
  deadLettered?(topic: string, code: string): void;
  retrying?(topic: string, partition: number, error: unknown, attempt: number): void;
  lag?(topic: string, partition: number, lag: number): void;
}

export interface BatchConsumerOptions<T> {
  groupId: string;
  contract: EventContract<T>;
  deadLetters: EventPublisher;
  /** Attempts for a single message that fails with a non-retriable error before it is dead-lettered. */
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** No fetch for this long while running = not live (kafkajs can hang when a broker dies). */
  fetchStallMs: number;
  fromBeginning?: boolean;
  /** Prepended to the topic and group names (see PublisherOptions.topicPrefix). */
  topicPrefix?: string;
  observer?: BatchConsumerObserver;
  now?: () => Date;
}

export class BatchConsumer<T> {
  private readonly consumer: Consumer;
  private lastFetchAt = 0;
  private crashed?: Error;
  private running = false;
  /** The listener's run for the latest join; batches wait for it, a failed run is tried again. */
  private assignmentDone?: () => Promise<void>;
  private readonly stalls: ConsumerStalls;

  constructor(
    private readonly kafka: Kafka,
    private readonly options: BatchConsumerOptions<T>,
  ) {
    this.consumer = kafka.consumer({
      groupId: this.groupId(),
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      maxWaitTimeInMs: 1_000,
      retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 10_000 },
    });
    this.stalls = new ConsumerStalls(this.topic(), this.groupId(), options.observer);
    this.consumer.on(this.consumer.events.FETCH_START, () => (this.lastFetchAt = Date.now()));
    this.consumer.on(this.consumer.events.CRASH, (e) => {
      if (!e.payload.restart) this.crashed = e.payload.error;
    });
  }

  /**
   * Called after every (re)join of the group and completed before the new assignment's first batch is
   * handled: partitions may have moved, so state kept in memory for them must be re-read from where their
   * last owner saved it. Set before start().
   */
  onAssignment(listener: AssignmentListener): void {
    const topic = this.topic();
    this.consumer.on(this.consumer.events.GROUP_JOIN, (e) => {
      const partitions = [...(e.payload.memberAssignment[topic] ?? [])].sort((a, b) => a - b);
      let run: Promise<void> | undefined;
      this.assignmentDone = () => {
        run ??= this.backlogOf(partitions)
          .then((assignment) => listener(assignment))
          .catch((error: unknown) => {
            run = undefined;
            throw error;
          });
        return run;
      };
    });
  }

  /** Whether each partition has records past the group's committed offset (or any, when none is committed). */
  private async backlogOf(partitions: number[]): Promise<PartitionAssignment[]> {
    if (partitions.length === 0) return [];
    const admin = this.kafka.admin();
    try {
      await admin.connect();
      const topic = this.topic();
      const [ends, committed] = await Promise.all([
        admin.fetchTopicOffsets(topic),
        admin.fetchOffsets({ groupId: this.groupId(), topics: [topic] }),
      ]);
      const offsetsOf = committed.find((t) => t.topic === topic)?.partitions ?? [];
      return partitions.map((partition) => {
        const end = ends.find((e) => e.partition === partition);
        const done = offsetsOf.find((o) => o.partition === partition)?.offset ?? '-1';
        const from = BigInt(done) >= 0n ? BigInt(done) : BigInt(end?.low ?? '0');
        return { partition, hasBacklog: BigInt(end?.high ?? '0') > from };
      });
    } catch (error) {
      throw new MessagingError(`reading ${this.topic()} offsets failed: ${(error as Error).message}`, 'kafka-unavailable', true, { cause: error });
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  /** The topic as Kafka knows it (prefix included). */
  topic(): string {
    return `${this.options.topicPrefix ?? ''}${this.options.contract.topic}`;
  }

  /** The consumer group id as Kafka knows it (prefix included). */
  groupId(): string {
    return `${this.options.topicPrefix ?? ''}${this.options.groupId}`;
  }

  async start(handler: BatchHandler<T>): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.topic(), fromBeginning: this.options.fromBeginning ?? true });
    this.running = true;
    this.lastFetchAt = Date.now();
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 3,
      eachBatch: (payload) => this.handleBatch(payload, handler),
    });
  }

  /** Liveness: running, not crashed, and fetching. */
  liveness(): { live: boolean; reason?: string } {
    if (this.crashed) return { live: false, reason: `consumer crashed: ${this.crashed.message}` };
    if (this.running && Date.now() - this.lastFetchAt > this.options.fetchStallMs) {
      return { live: false, reason: `no fetch for ${Math.round((Date.now() - this.lastFetchAt) / 1000)} s` };
    }
    return { live: true };
  }

  /** Stalled = some partition's batch is held back by an outage and retried (the app is not ready meanwhile). */
  stallStatus(): StallStatus {
    return this.stalls.status();
  }

  /**
   * Leaves the group, waiting at most DISCONNECT_BOUND_MS: a broker that died or froze makes kafkajs wait
   * for its request timeout, and shutdown must not. False when the disconnect was abandoned.
   */
  async stop(): Promise<boolean> {
    this.running = false;
    return disconnectWithin(() => this.consumer.disconnect());
  }

  private async handleBatch(payload: EachBatchPayload, handler: BatchHandler<T>): Promise<void> {
    const { batch } = payload;
    if (batch.messages.length === 0) return;
    const assignment = this.assignmentDone;
    if (assignment && !(await this.untilDone(payload, assignment))) return;
    const started = process.hrtime.bigint();
    const decoded: ConsumedEvent<T>[] = [];
    const undecodable: { message: KafkaMessage; reason: string }[] = [];
    for (const message of batch.messages) {
      const result = decodeEvent(this.options.contract, message.value);
      if (result.ok) decoded.push({ event: result.event, partition: batch.partition, offset: message.offset });
      else undecodable.push({ message, reason: result.reason });
    }
    if (undecodable.length > 0) {
      const sent = await this.untilDone(payload, () =>
        this.deadLetter(batch.partition, undecodable.map((u) => ({ ...u, code: 'malformed', attempts: 1 }))),
      );
      if (!sent) return;
    }
    const last = batch.messages[batch.messages.length - 1].offset;
    const source: BatchSource = { topic: this.options.contract.topic, partition: batch.partition };
    const handled = await this.untilDone(payload, () => this.handleOrIsolate(payload, decoded, (events) => handler(events, source)));
    if (!handled) return;

    // The committed offset is the NEXT one to read.
    await this.consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() }]);
    payload.resolveOffset(last);
    await payload.heartbeat();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    this.options.observer?.batchHandled?.(batch.topic, batch.partition, batch.messages.length, seconds);
    const lag = Number(batch.highWatermark) - Number(last) - 1;
    this.options.observer?.lag?.(batch.topic, batch.partition, Math.max(0, lag));
  }

  /** A failure of the whole batch that is not an outage: find the poison by handling message by message. */
  private async handleOrIsolate(
    payload: EachBatchPayload,
    events: ConsumedEvent<T>[],
    handler: (events: ConsumedEvent<T>[]) => Promise<void>,
  ): Promise<void> {
    if (events.length === 0) return;
    try {
      await handler(events);
      return;
    } catch (error) {
      if (isOutage(error)) throw error;
    }
    const poison = await isolatePoison(events, (event) => handler([event]), {
      maxAttempts: this.options.maxAttempts,
      between: () => payload.heartbeat(),
    });
    if (poison.length === 0) return;
    await this.deadLetter(
      payload.batch.partition,
      poison.map(({ event, error, attempts }) => ({
        message: payload.batch.messages.find((m) => m.offset === event.offset)!,
        reason: (error as Error).message,
        code: 'poison',
        attempts,
      })),
    );
  }

  /**
   * Runs `work` until it succeeds, waiting out retriable errors with capped exponential backoff.
   * Returns false when the consumer stops or loses the partition meanwhile (nothing is committed; the
   * batch is re-delivered to whoever owns the partition next).
   */
  private async untilDone(payload: EachBatchPayload, work: () => Promise<void>): Promise<boolean> {
    const { partition } = payload.batch;
    for (let attempt = 1; ; attempt++) {
      try {
        await work();
        this.stalls.leave(partition);
        return true;
      } catch (error) {
        if (!isOutage(error)) throw error;
        this.stalls.enter(partition, error);
        this.options.observer?.retrying?.(payload.batch.topic, payload.batch.partition, error, attempt);
        const waitMs = Math.min(this.options.retryMaxMs, this.options.retryBaseMs * 2 ** Math.min(attempt - 1, 10));
        const until = Date.now() + waitMs * (0.5 + Math.random() / 2);
        while (Date.now() < until) {
          if (!payload.isRunning() || payload.isStale()) return this.release(partition);
          await new Promise((r) => setTimeout(r, Math.min(1_000, until - Date.now())));
          this.lastFetchAt = Date.now(); // waiting on purpose is not a stalled fetch
          await payload.heartbeat().catch(() => undefined);
        }
        if (!payload.isRunning() || payload.isStale()) return this.release(partition);
      }
    }
  }

  /** The partition was revoked or the consumer stopped mid-stall: its batch is no longer ours to hold. */
  private release(partition: number): false {
    this.stalls.leave(partition, true);
    return false;
  }

  private async deadLetter(
    partition: number,
    failures: { message: KafkaMessage; reason: string; code: string; attempts: number }[],
  ): Promise<void> {
    const failedAt = (this.options.now?.() ?? new Date()).toISOString();
    const letters: DeadLetterV1[] = failures.map(({ message, reason, code, attempts }) => {
      const raw = message.value ?? Buffer.alloc(0);
      const utf8 = raw.toString('utf8');
      const isText = Buffer.from(utf8, 'utf8').equals(raw);
      return {
        origin: this.options.contract.topic,
        consumerGroup: this.groupId(),
        code,
        reason,
        raw: isText ? utf8 : raw.toString('base64'),
        rawEncoding: isText ? 'utf8' : 'base64',
        partition,
        offset: message.offset,
        key: message.key?.toString() ?? null,
        attempts,
        failedAt,
      };
    });
    await this.options.deadLetters.publish(DeadLettersV1, letters);
    for (const letter of letters) this.options.observer?.deadLettered?.(letter.origin, letter.code);
  }
}
