// Readiness probe for Kafka: the cluster answers a metadata request within a deadline.
import { Kafka } from 'kafkajs';

export async function probeKafka(kafka: Kafka, timeoutMs: number): Promise<{ up: boolean; detail: string }> {
  const admin = kafka.admin();
  let timer: NodeJS.Timeout | undefined;
  try {
    const cluster = await Promise.race([
      admin.connect().then(() => admin.describeCluster()),
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs))),
    ]);
    return { up: true, detail: `${cluster.brokers.length} broker(s), controller ${cluster.controller}` };
  } catch (error) {
    return { up: false, detail: (error as Error).message };
  } finally {
    clearTimeout(timer);
    await admin.disconnect().catch(() => undefined);
  }
}
