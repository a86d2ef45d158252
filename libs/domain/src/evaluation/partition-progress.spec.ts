import { advancePartitionProgress, lowWatermarkOf } from './partition-progress';

const at = (hour: number) => new Date(Date.UTC(2023, 9, 20, hour)).toISOString();

describe('lowWatermarkOf', () => {
  it('is null while no partition has reported', () => {
    expect(lowWatermarkOf({})).toBeNull();
  });

  it('is held back by the oldest partition that is not idle, however far the others have been read', () => {
    expect(
      lowWatermarkOf({
        'observations.v1/0': { at: at(9), idle: false },
        'observations.v1/1': { at: at(3), idle: false },
        'observations.v1/2': { at: at(6), idle: false },
      }),
    ).toBe(at(3));
  });

  it('is not held back by an idle partition (no data for a while: its stations went quiet)', () => {
    expect(
      lowWatermarkOf({
        'observations.v1/0': { at: at(1), idle: true },
        'observations.v1/1': { at: at(5), idle: false },
      }),
    ).toBe(at(5));
  });

  it('is null while a partition known to have unread records has not been read at all', () => {
    expect(lowWatermarkOf({ 'observations.v1/0': { at: at(5), idle: false }, 'observations.v1/1': { at: null, idle: false } })).toBeNull();
    expect(lowWatermarkOf({ 'observations.v1/0': { at: at(5), idle: false }, 'observations.v1/1': { at: null, idle: true } })).toBe(at(5));
  });

  it('is the newest partition when every partition is idle', () => {
    expect(
      lowWatermarkOf({
        'observations.v1/0': { at: at(1), idle: true },
        'observations.v1/1': { at: at(5), idle: true },
      }),
    ).toBe(at(5));
  });
});

describe('advancePartitionProgress', () => {
  const held = { 'observations.v1/0': { at: at(5), idle: false } };

  it('ignores an older report (a re-delivered batch)', () => {
    expect(advancePartitionProgress(held, 'observations.v1/0', { at: at(4), idle: true })).toBe(held);
  });

  it('returns the same map for the same report, so nothing is saved for it', () => {
    expect(advancePartitionProgress(held, 'observations.v1/0', { at: at(5), idle: false })).toBe(held);
  });

  it('takes a newer report, or the same time turning idle, and keeps other partitions', () => {
    const next = advancePartitionProgress({ ...held, 'observations.v1/1': { at: at(2), idle: true } }, 'observations.v1/0', { at: at(5), idle: true });
    expect(next).toEqual({ 'observations.v1/0': { at: at(5), idle: true }, 'observations.v1/1': { at: at(2), idle: true } });
  });
});
