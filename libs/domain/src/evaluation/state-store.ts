// Keyed evaluator state with a working copy: a batch's changes become visible only when it commits, so a
// batch that fails half-way (broker or database down) is retried from exactly the state it started from.
export class StateStore<T> {
  private readonly committed = new Map<string, T>();
  private readonly pending = new Map<string, T>();

  constructor(initial: Iterable<readonly [string, T]> = []) {
    for (const [key, value] of initial) this.committed.set(key, value);
  }

  get(key: string): T | undefined {
    return this.pending.has(key) ? this.pending.get(key) : this.committed.get(key);
  }

  set(key: string, value: T): void {
    this.pending.set(key, value);
  }

  /** The entries changed since the last commit, to persist before committing. */
  changes(): [string, T][] {
    return [...this.pending.entries()];
  }

  commit(): void {
    for (const [key, value] of this.pending) this.committed.set(key, value);
    this.pending.clear();
  }

  rollback(): void {
    this.pending.clear();
  }

  /** Replaces everything with the saved state (after a rebalance moved partitions between instances). */
  reset(entries: Iterable<readonly [string, T]>): void {
    this.pending.clear();
    this.committed.clear();
    for (const [key, value] of entries) this.committed.set(key, value);
  }
}
