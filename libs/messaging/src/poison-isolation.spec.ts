import { isolatePoison, sameFailure } from './poison-isolation';
import { SystemicFailureError } from './messaging-error';

const between = async () => undefined;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** A handler that fails for the given records with `error(record)`, counting attempts per record. */
function handlerFailing(bad: (r: number) => Error | undefined) {
  const attempts = new Map<number, number>();
  const stored: number[] = [];
  const handle = async (r: number) => {
    attempts.set(r, (attempts.get(r) ?? 0) + 1);
    const error = bad(r);
    if (error) throw error;
    stored.push(r);
  };
  return { handle, attempts, stored };
}

const constraint = () => Object.assign(new Error('new row for relation "observations" violates check constraint "value_range"'), { code: '23514' });

describe('isolatePoison', () => {
  it('returns the records that fail on their own after maxAttempts, and handles the rest', async () => {
    const h = handlerFailing((r) => (r === 3 || r === 7 ? constraint() : undefined));
    const poison = await isolatePoison(range(10), h.handle, { maxAttempts: 3, between });
    expect(poison.map((p) => [p.event, p.attempts])).toEqual([
      [3, 3],
      [7, 3],
    ]);
    expect(h.stored.sort((a, b) => a - b)).toEqual([0, 1, 2, 4, 5, 6, 8, 9]);
  });

  it('calls two alike failures with nothing accepted an outage when the sampled rest fails too', async () => {
    const h = handlerFailing(() => Object.assign(new Error('permission denied for table observations'), { code: 'X42501' }));
    const error = await isolatePoison(range(500), h.handle, { maxAttempts: 2, between }).catch((e) => e);
    expect(error).toBeInstanceOf(SystemicFailureError);
    expect(error.message).toContain('permission denied for table observations');
    // Stops early: two records and three witnesses after them, each with its attempts, not 500 × 2 statements.
    expect([...h.attempts.values()].reduce((a, b) => a + b, 0)).toBe((2 + 3) * 2);
  });

  it('does not stall on a batch that merely starts with two alike poison records', async () => {
    const h = handlerFailing((r) => (r < 2 ? constraint() : undefined));
    const poison = await isolatePoison(range(6), h.handle, { maxAttempts: 2, between });
    expect(poison.map((p) => p.event)).toEqual([0, 1]);
    // In partition order, each once: nothing later is handled before something earlier.
    expect(h.stored).toEqual([2, 3, 4, 5]);
  });

  it('calls a batch of exactly two alike failures an outage (nothing else to tell them apart)', async () => {
    const h = handlerFailing(() => constraint());
    await expect(isolatePoison([1, 2], h.handle, { maxAttempts: 1, between })).rejects.toBeInstanceOf(SystemicFailureError);
  });

  it('a lone failing record is poison', async () => {
    const h = handlerFailing(() => constraint());
    expect((await isolatePoison([1], h.handle, { maxAttempts: 2, between })).map((p) => p.event)).toEqual([1]);
  });

  it('rethrows a systemic or retriable error of the first record at once, before its attempts run out', async () => {
    const systemic = Object.assign(new Error('function "continuous_agg_invalidation_trigger" is not supported'), { code: '0A000', systemic: true });
    const h = handlerFailing(() => systemic);
    await expect(isolatePoison(range(5), h.handle, { maxAttempts: 5, between })).rejects.toBe(systemic);
    expect(h.attempts.get(0)).toBe(1);
    const down = Object.assign(new Error('connection refused'), { retriable: true });
    await expect(isolatePoison(range(5), handlerFailing(() => down).handle, { maxAttempts: 5, between })).rejects.toBe(down);
  });

  it('different failures are poison each, not an outage', async () => {
    const h = handlerFailing((r) => (r === 0 ? constraint() : r === 1 ? new Error('value out of range') : undefined));
    expect((await isolatePoison(range(4), h.handle, { maxAttempts: 1, between })).map((p) => p.event)).toEqual([0, 1]);
  });
});

describe('sameFailure', () => {
  it('compares code and message with numbers set aside', () => {
    expect(sameFailure(Object.assign(new Error('offset 12 refused'), { code: 'x' }), Object.assign(new Error('offset 13 refused'), { code: 'x' }))).toBe(true);
    expect(sameFailure(Object.assign(new Error('refused'), { code: 'x' }), Object.assign(new Error('refused'), { code: 'y' }))).toBe(false);
    expect(sameFailure(new Error('check "a"'), new Error('check "b"'))).toBe(false);
  });
});
