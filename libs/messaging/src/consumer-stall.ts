// Whether a consumer is stalled: some partition's batch keeps failing with an outage error and is being
// retried uncommitted. Reported once when the stall starts and once when it ends (not per retry).
export interface StallReport {
  /** The topic as Kafka knows it (prefix included) and the group id (prefix included). */
  topic: string;
  group: string;
  partition: number;
  reason: string;
  code?: string;
}

export interface StallStatus {
  stalled: boolean;
  reason?: string;
  since?: string;
  partitions: number[];
}

export interface StallObserver {
  stalled?(report: StallReport): void;
  recovered?(report: { topic: string; group: string; stalledSeconds: number; released: boolean }): void;
}

export class ConsumerStalls {
  private readonly partitions = new Map<number, { reason: string; code?: string }>();
  private startedAt?: number;

  constructor(
    private readonly topic: string,
    private readonly group: string,
    private readonly observer?: StallObserver,
  ) {}

  enter(partition: number, error: unknown): void {
    if (this.partitions.has(partition)) return;
    const code = (error as { code?: unknown })?.code;
    const entry = { reason: error instanceof Error ? error.message : String(error), ...(typeof code === 'string' ? { code } : {}) };
    this.partitions.set(partition, entry);
    if (this.partitions.size > 1) return;
    this.startedAt = Date.now();
    this.observer?.stalled?.({ topic: this.topic, group: this.group, partition, ...entry });
  }

  /** The partition's batch went through (`released` = it was given up: revoked or the consumer stopped). */
  leave(partition: number, released = false): void {
    if (!this.partitions.delete(partition) || this.partitions.size > 0) return;
    const stalledSeconds = (Date.now() - (this.startedAt ?? Date.now())) / 1000;
    this.startedAt = undefined;
    this.observer?.recovered?.({ topic: this.topic, group: this.group, stalledSeconds, released });
  }

  status(): StallStatus {
    const [first] = this.partitions.values();
    if (!first) return { stalled: false, partitions: [] };
    return {
      stalled: true,
      reason: first.reason,
      since: new Date(this.startedAt ?? Date.now()).toISOString(),
      partitions: [...this.partitions.keys()].sort((a, b) => a - b),
    };
  }
}
