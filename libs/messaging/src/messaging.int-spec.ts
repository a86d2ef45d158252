import { Kafka } from 'kafkajs';
import { z } from 'zod';
import { DeadLettersV1, DeadLetterV1, EventContract } from '@klimavagt/contracts';
import { expectEventually, testKafkaBrokers, uniqueName } from '@klimavagt/test-harness';
import { BatchConsumer } from './batch-consumer';
import { EventPublisher } from './event-publisher';
import { createKafka } from './kafka-client';
import { ensureTopics } from './topic-provisioner';
import { MessagingError } from './messaging-error';

interface Reading {
  id: number;
  text: string;
}

function contractFor(topic: string): EventContract<Reading> {
  return { topic, keyOf: (r) => String(r.id % 3), schema: z.object({ id: z.number().int(), text: z.string() }).strict() };
}

async function committedOffset(kafka: Kafka, groupId: string, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [entry] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return entry.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
  } finally {
    await admin.disconnect();
  }
}

async function readDeadLetters(kafka: Kafka, topic: string, origin: string, count: number): Promise<DeadLetterV1[]> {
  const letters: DeadLetterV1[] = [];
  const consumer = kafka.consumer({ groupId: uniqueName('dlq-reader') });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const letter = JSON.parse(message.value!.toString()) as DeadLetterV1;
      if (letter.origin === origin) letters.push(letter);
    },
  });
  await expectEventually(() => expect(letters.length).toBeGreaterThanOrEqual(count));
  await consumer.disconnect();
  return letters;
}

/** Every dead letter from `origin` among the first `count` records of the dead-letter topic. */
async function readDeadLettersFor(kafka: Kafka, origin: string, count: number): Promise<DeadLetterV1[]> {
  const seen: DeadLetterV1[] = [];
  const consumer = kafka.consumer({ groupId: uniqueName('dlq-reader') });
  await consumer.connect();
  await consumer.subscribe({ topic: DeadLettersV1.topic, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void seen.push(JSON.parse(message.value!.toString()) as DeadLetterV1) });
  await expectEventually(() => expect(seen.length).toBeGreaterThanOrEqual(count), { timeoutMs: 60_000 });
  await consumer.disconnect();
  return seen.filter((l) => l.origin === origin);
}

describe('messaging against the real broker', () => {
  let kafka: Kafka;
  let publisher: EventPublisher;
  const consumers: BatchConsumer<Reading>[] = [];

  beforeAll(async () => {
    kafka = createKafka({ brokers: testKafkaBrokers(), clientId: 'messaging-test', connectTimeoutMs: 5_000, requestTimeoutMs: 30_000 });
    await ensureTopics(kafka, [{ topic: DeadLettersV1.topic, numPartitions: 3, replicationFactor: 1 }]);
    publisher = new EventPublisher(kafka, { publishTimeoutMs: 15_000 });
  });
  afterAll(async () => {
    for (const c of consumers) await c.stop();
    await publisher.disconnect();
  });

  function consumerFor(contract: EventContract<Reading>, groupId: string, maxAttempts = 2) {
    const consumer = new BatchConsumer(kafka, {
      groupId,
      contract,
      deadLetters: publisher,
      maxAttempts,
      retryBaseMs: 50,
      retryMaxMs: 200,
      fetchStallMs: 60_000,
    });
    consumers.push(consumer);
    return consumer;
  }

  it('produces to and consumes from the broker, committing offset + 1 after each handled batch', async () => {
    const contract = contractFor(uniqueName('readings'));
    await ensureTopics(kafka, [{ topic: contract.topic, numPartitions: 3, replicationFactor: 1 }]);
    const sent = Array.from({ length: 60 }, (_, id) => ({ id, text: `reading ${id}` }));
    await publisher.publish(contract, sent);

    const received: Reading[] = [];
    const groupId = uniqueName('group');
    await consumerFor(contract, groupId).start(async (batch) => void received.push(...batch.map((b) => b.event)));

    await expectEventually(() => expect(received.map((r) => r.id).sort((a, b) => a - b)).toEqual(sent.map((r) => r.id)));
    // Committed offsets are "next to read": summed over partitions they equal the number of messages.
    await expectEventually(async () => expect(await committedOffset(kafka, groupId, contract.topic)).toBe(60));
  });

  it('commits nothing while the handler fails with a retriable error, and resumes by itself', async () => {
    const contract = contractFor(uniqueName('outage'));
    await ensureTopics(kafka, [{ topic: contract.topic, numPartitions: 1, replicationFactor: 1 }]);
    await publisher.publish(contract, [{ id: 1, text: 'during outage' }]);
    let databaseUp = false;
    let attempts = 0;
    const stored: number[] = [];
    const groupId = uniqueName('group');
    await consumerFor(contract, groupId).start(async (batch) => {
      attempts++;
      if (!databaseUp) throw Object.assign(new Error('connection refused'), { retriable: true });
      stored.push(...batch.map((b) => b.event.id));
    });
    await expectEventually(() => expect(attempts).toBeGreaterThanOrEqual(3));
    expect(await committedOffset(kafka, groupId, contract.topic)).toBe(0);
    databaseUp = true;
    await expectEventually(() => expect(stored).toEqual([1]));
    await expectEventually(async () => expect(await committedOffset(kafka, groupId, contract.topic)).toBe(1));
  });

  it('dead-letters a malformed record and a poison record with reason and raw payload; the records after them are handled', async () => {
    const contract = contractFor(uniqueName('poison'));
    await ensureTopics(kafka, [{ topic: contract.topic, numPartitions: 1, replicationFactor: 1 }]);
    await publisher.send(contract.topic, [
      { key: '1', value: JSON.stringify({ id: 1, text: 'fine' }) },
      { key: '1', value: '{"id": "not a number"' },
      { key: '1', value: JSON.stringify({ id: 666, text: 'poison' }) },
      { key: '1', value: JSON.stringify({ id: 2, text: 'after' }) },
    ]);
    const stored: number[] = [];
    const groupId = uniqueName('group');
    await consumerFor(contract, groupId, 3).start(async (batch) => {
      if (batch.some((b) => b.event.id === 666)) throw new Error('value violates check constraint');
      stored.push(...batch.map((b) => b.event.id));
    });
    await expectEventually(() => expect(stored.sort()).toEqual([1, 2]));
    const letters = await readDeadLetters(kafka, DeadLettersV1.topic, contract.topic, 2);
    const malformed = letters.find((l) => l.code === 'malformed')!;
    expect(malformed.raw).toBe('{"id": "not a number"');
    expect(malformed.reason).toMatch(/not JSON/);
    const poison = letters.find((l) => l.code === 'poison')!;
    expect(JSON.parse(poison.raw)).toEqual({ id: 666, text: 'poison' });
    expect(poison.reason).toBe('value violates check constraint');
    expect(poison.attempts).toBe(3);
    // The group that refused them, as Kafka knows it.
    expect([malformed.consumerGroup, poison.consumerGroup]).toEqual([groupId, groupId]);
    await expectEventually(async () => expect(await committedOffset(kafka, groupId, contract.topic)).toBe(4));
  });

  it('stalls instead of dead-lettering when every record is refused alike, or with a systemic error, and resumes by itself', async () => {
    const contract = contractFor(uniqueName('stall'));
    await ensureTopics(kafka, [{ topic: contract.topic, numPartitions: 1, replicationFactor: 1 }]);
    await publisher.publish(contract, Array.from({ length: 10 }, (_, id) => ({ id, text: `reading ${id}` })));
    // First every record refused alike with an untyped error, then with a typed systemic one (as storage's
    // DatabaseError for SQLSTATE 42501), then the fault is gone.
    let fault: 'alike' | 'systemic' | undefined = 'alike';
    const stored: number[] = [];
    const events: string[] = [];
    const groupId = uniqueName('group');
    const consumer = new BatchConsumer(kafka, {
      groupId,
      contract,
      deadLetters: publisher,
      maxAttempts: 2,
      retryBaseMs: 50,
      retryMaxMs: 200,
      fetchStallMs: 60_000,
      observer: {
        stalled: (r) => events.push(`stalled ${r.group} ${r.reason}`),
        recovered: (r) => events.push(`recovered ${r.group} ${r.released}`),
      },
    });
    consumers.push(consumer);
    let calls = 0;
    await consumer.start(async (batch) => {
      calls++;
      if (fault === 'alike') throw Object.assign(new Error('new row violates row-level security policy'), { code: 'X1' });
      if (fault === 'systemic') throw Object.assign(new Error('permission denied for table readings'), { code: '42501', systemic: true });
      stored.push(...batch.map((b) => b.event.id));
    });
    await expectEventually(() => expect(consumer.stallStatus()).toMatchObject({ stalled: true, reason: expect.stringContaining('refused alike') }));
    await expectEventually(() => expect(calls).toBeGreaterThan(20)); // several rounds of retries
    fault = 'systemic';
    const callsBefore = calls;
    await expectEventually(() => expect(calls).toBeGreaterThan(callsBefore + 3));
    expect(consumer.stallStatus().stalled).toBe(true); // one stall, whatever the error on the way
    expect(await committedOffset(kafka, groupId, contract.topic)).toBe(0);
    fault = undefined;
    await expectEventually(() => expect([...new Set(stored)].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    await expectEventually(async () => expect(await committedOffset(kafka, groupId, contract.topic)).toBe(10));
    expect(consumer.stallStatus()).toEqual({ stalled: false, partitions: [] });
    expect(events).toEqual([`stalled ${groupId} ${events[0].slice(`stalled ${groupId} `.length)}`, `recovered ${groupId} false`]);
    expect(events[0]).toContain('records refused alike and none accepted');
    // Nothing of this topic was dead-lettered.
    const ends = await kafka.admin();
    await ends.connect();
    const before = (await ends.fetchTopicOffsets(DeadLettersV1.topic)).reduce((sum, p) => sum + Number(p.high), 0);
    await ends.disconnect();
    const letters = await readDeadLettersFor(kafka, contract.topic, before);
    expect(letters).toEqual([]);
  });

  it('fails a publish to an unreachable broker with a retriable kafka-unavailable error within its deadline', async () => {
    const dead = createKafka({ brokers: ['127.0.0.1:1'], clientId: 'dead', connectTimeoutMs: 500, requestTimeoutMs: 1_000 });
    const deadPublisher = new EventPublisher(dead, { publishTimeoutMs: 2_000 });
    const started = Date.now();
    const error = await deadPublisher.publish(contractFor('never'), [{ id: 1, text: 'x' }]).catch((e) => e);
    expect(error).toBeInstanceOf(MessagingError);
    expect(error.retriable).toBe(true);
    expect(Date.now() - started).toBeLessThan(60_000);
  });
});
