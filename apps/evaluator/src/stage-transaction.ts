// Runs one batch of a stage at a time: compute on the state's working copy, publish the outputs, save the
// state, then make it current; on any failure the working copy is dropped and the batch can be retried.
// Batches run one after another because partitions consumed concurrently would share the working copy.
import type { StateStore } from '@klimavagt/domain';

export class StageTransaction<S> {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: StateStore<S>,
    private readonly save: (changes: [string, S][]) => Promise<void>,
  ) {}

  run<O>(compute: () => O, publish: (outputs: O) => Promise<void>): Promise<void> {
    const next = this.queue.then(async () => {
      try {
        const outputs = compute();
        await publish(outputs);
        await this.save(this.store.changes());
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
