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
        // Another instance may have created them between listTopics and createTopics; or the new topics' metadata
        // has not reached every listener yet (the loop below waits for it).
        if (!/already exists/i.test(error.message) && !isMetadataLag(error)) throw error;
      });
    }
    // Another instance may have created them a moment ago: wait until every partition has a leader, so the
    // first produce does not meet "not the leader" retries.
    const deadline = Date.now() + 15_000;
    for (;;) {
      const described = await admin.fetchTopicMetadata({ topics: topics.map((t) => t.topic) }).then(
        (m) => m.topics,
        (error: Error) => {
          if (!isMetadataLag(error)) throw error;
          return undefined;
        },
      );
      if (described?.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) break;
      if (Date.now() > deadline) throw new Error(`topics have no leader after 15 s: ${topics.map((t) => t.topic).join(', ')}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await admin.disconnect();
  }
}

/** A topic just created is briefly unknown to the metadata the broker serves. */
function isMetadataLag(error: Error): boolean {
  return (error as { type?: string }).type === 'UNKNOWN_TOPIC_OR_PARTITION' || /does not host this topic-partition/i.test(error.message);
}
