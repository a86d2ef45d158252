// Creates the topics an app needs at start-up (idempotent), so nothing relies on broker auto-creation.
import { Kafka } from 'kafkajs';

export interface TopicSpec {
  topic: string;
  numPartitions: number;
  replicationFactor: number;
}

export async function ensureTopics(kafka: Kafka, topics: TopicSpec[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t.topic));
    if (missing.length > 0) {
      await admin.createTopics({ topics: missing, waitForLeaders: true, timeout: 30_000 }).catch((error: Error) => {
        // Another instance may have created them between listTopics and createTopics.
        if (!/already exists/i.test(error.message)) throw error;
      });
    }
  } finally {
    await admin.disconnect();
  }
}
