// Retry, timeout and error typing of the DMI transport, driven through the fake DMI on 127.0.0.1.
import { FakeDmiServer } from '../../../../test/harness/fake-dmi/fake-dmi-server';
import { DmiClient, DmiFeedError } from './index';

const QUERY = { datetime: '2023-10-20T00:00:00Z/..' };

async function firstPage(client: DmiClient) {
  for await (const page of client.fetchObservationPages('oceanObs', QUERY)) return page;
  return undefined;
}

async function failure(promise: Promise<unknown>): Promise<DmiFeedError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DmiFeedError);
    return error as DmiFeedError;
  }
  throw new Error('expected a DmiFeedError');
}

describe('DMI transport', () => {
  let dmi: FakeDmiServer;
  let sleeps: number[];

  const client = (options: Record<string, unknown> = {}) =>
    new DmiClient(
      {
        baseUrl: dmi.baseUrl,
        timeoutMs: 2000,
        maxAttempts: 4,
        backoffBaseMs: 10,
        backoffMaxMs: 40,
        pageLimit: 10,
        ...options,
      },
      { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 },
    );

  beforeEach(async () => {
    dmi = await FakeDmiServer.start({ port: 0 });
    sleeps = [];
    dmi.addObservations('oceanObs', [
      {
        stationId: '9020201',
        parameterId: 'sea_reg',
        observed: '2023-10-20T21:00:00Z',
        value: 202,
        location: [9.8897, 55.2706],
      },
    ]);
  });
  afterEach(() => dmi.stop());

  it('retries a 429 and waits the Retry-After seconds DMI asked for', async () => {
    dmi.failNext(1, 429, { retryAfterSeconds: 2 });
    const page = await firstPage(client({ backoffMaxMs: 10_000 }));
    expect(page?.features[0].properties.value).toBe(202);
    expect(dmi.requests).toHaveLength(2);
    expect(sleeps).toEqual([2000]);
  });

  it('honours a Retry-After HTTP date, and caps any Retry-After at backoffMaxMs', async () => {
    dmi.failNext(1, 429, { retryAfterDate: new Date(Date.now() + 5000) });
    dmi.failNext(1, 429, { retryAfterSeconds: 3600 });
    await firstPage(client({ backoffMaxMs: 10_000 }));
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeGreaterThan(2000); // HTTP dates have one-second resolution
    expect(sleeps[0]).toBeLessThanOrEqual(5000);
    expect(sleeps[1]).toBe(10_000);
  });

  it('really waits between attempts when no sleeper is injected', async () => {
    dmi.failNext(1, 429, { retryAfterSeconds: 1 });
    const real = new DmiClient({
      baseUrl: dmi.baseUrl,
      timeoutMs: 2000,
      maxAttempts: 2,
      backoffBaseMs: 10,
      backoffMaxMs: 80,
      pageLimit: 10,
    });
    const started = Date.now();
    await firstPage(real);
    expect(Date.now() - started).toBeGreaterThanOrEqual(75); // Retry-After 1 s, capped to 80 ms
  });

  it('retries 500s with growing backoff, then succeeds', async () => {
    dmi.failNext(2, 500);
    const page = await firstPage(client());
    expect(page?.numberReturned).toBe(1);
    expect(dmi.requests).toHaveLength(3);
    expect(sleeps).toEqual([8, 15]); // equal jitter at random 0.5: 3/4 of 10, then of 20
  });

  it('gives up after maxAttempts with a retriable server-error', async () => {
    dmi.failNext(4, 503);
    const error = await failure(firstPage(client()));
    expect(error).toMatchObject({ code: 'server-error', retriable: true, status: 503 });
    expect(error.url).toContain('/v2/oceanObs/collections/observation/items');
    expect(dmi.requests).toHaveLength(4);
  });

  it("does not retry a 400 and reports it as a typed client-error with DMI's message", async () => {
    dmi.failNext(1, 400);
    const error = await failure(firstPage(client()));
    expect(error).toMatchObject({ code: 'client-error', retriable: false, status: 400 });
    expect(error.message).toContain('Injected failure');
    expect(dmi.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it("reports DMI's own 400 for a bad query without retrying", async () => {
    const error = await failure(
      (async () => {
        for await (const page of client().fetchObservationPages('oceanObs', { datetime: 'yesterday' }))
          return page;
      })(),
    );
    expect(error).toMatchObject({ code: 'client-error', status: 400 });
    expect(JSON.parse(error.rawBody ?? '{}')).toEqual({
      message: 'Invalid datetime: yesterday',
      status: 400,
      error: 'Bad Request',
    });
  });

  it('turns a slow answer into a retriable timeout', async () => {
    dmi.delayNext(1, 1500);
    const error = await failure(firstPage(client({ timeoutMs: 100, maxAttempts: 1 })));
    expect(error).toMatchObject({ code: 'timeout', retriable: true });
    expect(error.status).toBeUndefined();
  });

  it('retries after a timeout and takes the next, prompt answer', async () => {
    dmi.delayNext(1, 1500);
    const page = await firstPage(client({ timeoutMs: 100, maxAttempts: 2 }));
    expect(page?.numberReturned).toBe(1);
    expect(dmi.requests).toHaveLength(2);
  });

  it('reports an unreachable host as a retriable network error', async () => {
    const port = new URL(dmi.baseUrl).port;
    await dmi.stop();
    dmi = await FakeDmiServer.start({ port: 0 }); // keep afterEach happy; the old port is now closed
    const error = await failure(firstPage(client({ baseUrl: `http://127.0.0.1:${port}`, maxAttempts: 2 })));
    expect(error).toMatchObject({ code: 'network', retriable: true });
    expect(sleeps).toHaveLength(1);
  });

  it('rejects a body that is not JSON as malformed, not retriable, with the raw body', async () => {
    dmi.respondRawNext(200, '<html>Bad gateway</html>', 'text/html');
    const error = await failure(firstPage(client()));
    expect(error).toMatchObject({
      code: 'malformed-response',
      retriable: false,
      rawBody: '<html>Bad gateway</html>',
    });
    expect(dmi.requests).toHaveLength(1);
  });

  it('rejects JSON that is not a FeatureCollection, truncating a long raw body', async () => {
    const big = JSON.stringify({ type: 'Nonsense', padding: 'x'.repeat(5000) });
    dmi.respondRawNext(200, big);
    const error = await failure(firstPage(client()));
    expect(error.code).toBe('malformed-response');
    expect(error.message).toContain('not a FeatureCollection');
    expect(error.rawBody!.length).toBeLessThan(600);
    expect(error.rawBody).toContain(`[${big.length} chars]`);
  });

  it('rejects a feature whose stationId is a number (leading zeros already lost)', async () => {
    dmi.respondRawNext(
      200,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            id: 'a',
            geometry: null,
            properties: {
              stationId: 6123,
              parameterId: 'temp_dry',
              observed: '2023-10-20T21:00:00Z',
              value: 1,
            },
          },
        ],
        timeStamp: '2023-10-20T21:00:05Z',
        numberReturned: 1,
        links: [],
      }),
    );
    const error = await failure(firstPage(client()));
    expect(error).toMatchObject({ code: 'malformed-response' });
    expect(error.message).toContain('features[0]: properties.stationId is not a string');
  });
});
