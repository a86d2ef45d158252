import { PartitionIdleness } from './partition-idleness';

describe('PartitionIdleness', () => {
  let now = 0;
  const idleness = () => new PartitionIdleness(1_000, () => now);

  beforeEach(() => (now = 0));

  it('calls an assigned partition idle after the idle period without a batch, once per spell', () => {
    const i = idleness();
    i.assigned([0, 1]);
    now = 999;
    i.batchFrom(1);
    expect(i.newlyIdle()).toEqual([]);
    now = 1_000;
    expect(i.newlyIdle()).toEqual([0]);
    i.reportedIdle(0);
    now = 5_000;
    expect(i.newlyIdle()).toEqual([1]);
  });

  it('a batch ends the idle spell; an unreported (failed) announcement is offered again', () => {
    const i = idleness();
    i.assigned([0]);
    now = 2_000;
    expect(i.newlyIdle()).toEqual([0]);
    expect(i.newlyIdle()).toEqual([0]);
    i.reportedIdle(0);
    i.batchFrom(0);
    now = 2_500;
    expect(i.newlyIdle()).toEqual([]);
    now = 3_000;
    expect(i.newlyIdle()).toEqual([0]);
  });

  it('forgets partitions that a rebalance took away', () => {
    const i = idleness();
    i.assigned([0, 1]);
    i.assigned([1]);
    now = 1_000;
    expect(i.newlyIdle()).toEqual([1]);
  });
});
