// Runs one batch of a stage at a time: compute on the state's working copy, publish the outputs, save the
// state, then make it current; on any failure the working copy is dropped and the batch can be retried.
// Batches run one after another because partitions consumed concurrently would share the working copy.
import type { StateStore } from '@klimavagt/domain';

export interface StageStatePersistence<S> {
  load(): Promise<[string, S][]>;
  save(changes: [string, S][]): Promise<void>;
}

export class StageTransaction<S> {
  private queue: Promise<unknown> = Promise.resolve();
  private stale = false;

  constructor(
    private readonly store: StateStore<S>,
    private readonly persistence: StageStatePersistence<S>,
  ) {}

  /**
   * The group was re-joined: partitions may have come from another instance, whose saved state is newer
   * than this instance's memory of them. The next batch re-reads the whole stage's state first (every
   * instance saves before it commits, so what is saved is at least as new as any committed offset).
   */
  reloadBeforeNextBatch(): void {
    this.stale = true;
  }

  run<O>(compute: () => O, publish: (outputs: O) => Promise<void>): Promise<void> {
    const next = this.queue.then(async () => {
      try {
        if (this.stale) {
          this.stale = false;
          this.store.reset(await this.persistence.load());
        }
        const outputs = compute();
        await publish(outputs);
        await this.persistence.save(this.store.changes());
        this.store.commit();
      } catch (error) {
        this.store.rollback();
        throw error;
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}
