// Wall-clock bookkeeping for stage one's partitions: which assigned partition has gone without a batch for
// long enough to be called idle. The only clock in the evaluator's silence logic, and it lives in the shell.
export class PartitionIdleness {
  private readonly lastBatchAt = new Map<number, number>();
  private readonly reported = new Set<number>();

  constructor(
    private readonly idleAfterMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** A (re)join: only these partitions are ours now, each given a full idle period from here. */
  assigned(partitions: readonly number[]): void {
    this.lastBatchAt.clear();
    this.reported.clear();
    for (const p of partitions) this.lastBatchAt.set(p, this.now());
  }

  batchFrom(partition: number): void {
    this.lastBatchAt.set(partition, this.now());
    this.reported.delete(partition);
  }

  /** Partitions idle since the last call (each reported once per idle spell). */
  newlyIdle(): number[] {
    const out: number[] = [];
    for (const [p, at] of this.lastBatchAt) {
      if (!this.reported.has(p) && this.now() - at >= this.idleAfterMs) out.push(p);
    }
    return out.sort((a, b) => a - b);
  }

  /** Once the idle announcement is safely published; a failed one is offered again. */
  reportedIdle(partition: number): void {
    this.reported.add(partition);
  }
}
