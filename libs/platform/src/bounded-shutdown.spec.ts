import { createLogger } from '@klimavagt/observability';
import { disconnectWithin } from '@klimavagt/messaging';
import { closeApps, closeWithin } from './bounded-shutdown';

// Fake timers: the bounds are exercised by advancing the clock, never by waiting on a loaded machine.
const log = createLogger('test', 'silent');
const never = () => new Promise<void>(() => undefined);

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('closeWithin', () => {
  it('reports a close that finished in time', async () => {
    await expect(closeWithin('api', async () => undefined, 8_000, log)).resolves.toMatchObject({ name: 'api', result: 'closed' });
  });

  it('reports a failed close without throwing', async () => {
    await expect(closeWithin('api', () => Promise.reject(new Error('boom')), 8_000, log)).resolves.toMatchObject({ result: 'failed' });
  });

  it('abandons a close that hangs, at the bound and not before', async () => {
    let settled = false;
    const outcome = closeWithin('recorder', never, 8_000, log).then((o) => ((settled = true), o));
    await jest.advanceTimersByTimeAsync(7_999);
    expect(settled).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    await expect(outcome).resolves.toMatchObject({ name: 'recorder', result: 'timed-out' });
  });

  it('closes apps side by side: one hanging app does not hold back the others', async () => {
    const closed: string[] = [];
    const app = (name: string, close: () => Promise<void>) => ({ name, app: { close: () => close().then(() => void closed.push(name)) } as never });
    const outcomes = closeApps([app('recorder', never), app('api', async () => undefined)], log, 8_000);
    await jest.advanceTimersByTimeAsync(0);
    expect(closed).toEqual(['api']);
    await jest.advanceTimersByTimeAsync(8_000);
    expect((await outcomes).map((o) => `${o.name} ${o.result}`)).toEqual(['recorder timed-out', 'api closed']);
  });
});

describe('disconnectWithin (kafkajs disconnects)', () => {
  it('is true when the disconnect finished, also when it failed', async () => {
    await expect(disconnectWithin(async () => undefined, 4_000)).resolves.toBe(true);
    await expect(disconnectWithin(() => Promise.reject(new Error('broker gone')), 4_000)).resolves.toBe(true);
  });

  it('gives up on a disconnect that waits on a frozen broker, at the bound', async () => {
    let result: boolean | undefined;
    const done = disconnectWithin(never, 4_000).then((r) => (result = r));
    await jest.advanceTimersByTimeAsync(3_999);
    expect(result).toBeUndefined();
    await jest.advanceTimersByTimeAsync(1);
    await done;
    expect(result).toBe(false);
  });
});
