import { SourceIdleness } from './source-idleness';

describe('SourceIdleness', () => {
  let now = 0;
  const idleness = () => new SourceIdleness(1_000, () => now);

  beforeEach(() => (now = 0));

  it('calls an expected source idle after the idle period without an announcement, once per spell', () => {
    const i = idleness();
    i.expect('z', ['observations/a', 'observations/b']);
    now = 999;
    i.heard('z', 'observations/b');
    expect(i.newlyIdle()).toEqual([]);
    now = 1_000;
    expect(i.newlyIdle()).toEqual([{ zoneId: 'z', source: 'observations/a' }]);
    i.reportedIdle('z', 'observations/a');
    now = 5_000;
    expect(i.newlyIdle()).toEqual([{ zoneId: 'z', source: 'observations/b' }]);
  });

  it('an announcement ends the idle spell; an unreported (failed) idle word is offered again', () => {
    const i = idleness();
    i.expect('z', ['observations/a']);
    now = 2_000;
    expect(i.newlyIdle()).toHaveLength(1);
    expect(i.newlyIdle()).toHaveLength(1);
    i.reportedIdle('z', 'observations/a');
    i.heard('z', 'observations/a');
    now = 2_500;
    expect(i.newlyIdle()).toEqual([]);
    now = 3_000;
    expect(i.newlyIdle()).toHaveLength(1);
  });

  it('forgets zones that a rebalance may have taken away, and expecting again does not reset a wait', () => {
    const i = idleness();
    i.expect('z', ['observations/a']);
    i.assigned();
    now = 1_000;
    expect(i.newlyIdle()).toEqual([]);
    i.expect('z', ['observations/a']);
    now = 1_500;
    i.expect('z', ['observations/a']);
    now = 2_000;
    expect(i.newlyIdle()).toHaveLength(1);
  });
});
