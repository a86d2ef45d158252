// Redirect rules: which hosts the client may follow, judged before any connection is made.
import { FakeDmiServer } from '../../../../test/harness/fake-dmi/fake-dmi-server';
import { forbiddenAddressKind, judgeRedirectTarget, ResolvedAddress } from './redirect-policy';
import { DmiClient, DmiFeedError } from './index';

describe('forbiddenAddressKind', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.0.0.2', 'loopback'],
    ['::1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.10', 'private'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['febf::1', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:127.0.0.1', 'loopback'],
  ])('%s is %s', (ip, kind) => {
    expect(forbiddenAddressKind(ip)).toBe(kind);
  });

  it.each(['93.184.216.34', '172.15.0.1', '172.32.0.1', '192.169.0.1', '2a00:1450:4001::1', 'fec0::1'])(
    '%s is public',
    (ip) => expect(forbiddenAddressKind(ip)).toBeNull(),
  );
});

describe('judgeRedirectTarget', () => {
  const base = new URL('https://opendataapi.dmi.dk');
  const lookupTo =
    (...addresses: string[]) =>
    async (): Promise<ResolvedAddress[]> =>
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  const noLookup = async (): Promise<ResolvedAddress[]> => {
    throw new Error('lookup must not be called');
  };

  it('allows the same origin without resolving anything', async () => {
    const verdict = await judgeRedirectTarget(
      new URL('https://opendataapi.dmi.dk/v2/x'),
      base,
      false,
      noLookup,
    );
    expect(verdict).toEqual({ allowed: true });
  });

  it('allows a public host and pins the vetted addresses', async () => {
    const verdict = await judgeRedirectTarget(
      new URL('https://mirror.example/x'),
      base,
      false,
      lookupTo('93.184.216.34'),
    );
    expect(verdict).toEqual({ allowed: true, pinnedAddresses: [{ address: '93.184.216.34', family: 4 }] });
  });

  it('refuses a host when any of its addresses is private', async () => {
    const verdict = await judgeRedirectTarget(
      new URL('https://mirror.example/x'),
      base,
      false,
      lookupTo('93.184.216.34', '10.1.2.3'),
    );
    expect(verdict).toMatchObject({
      allowed: false,
      reason: expect.stringContaining('10.1.2.3, a private address'),
    });
  });

  it('refuses unresolvable hosts, non-http schemes and https→http downgrades', async () => {
    const failing = async (): Promise<ResolvedAddress[]> => {
      throw new Error('ENOTFOUND');
    };
    expect(
      (await judgeRedirectTarget(new URL('https://nowhere.example/'), base, false, failing)).allowed,
    ).toBe(false);
    expect((await judgeRedirectTarget(new URL('file:///etc/passwd'), base, false, noLookup)).allowed).toBe(
      false,
    );
    expect((await judgeRedirectTarget(new URL('http://mirror.example/'), base, true, noLookup)).allowed).toBe(
      false,
    );
  });

  it('allows private targets only when explicitly configured', async () => {
    expect((await judgeRedirectTarget(new URL('https://10.0.0.1/'), base, true, noLookup)).allowed).toBe(
      true,
    );
    expect((await judgeRedirectTarget(new URL('https://[::1]/'), base, false, noLookup)).allowed).toBe(false);
  });
});

describe('DmiClient redirects (fake DMI on 127.0.0.1)', () => {
  let dmi: FakeDmiServer;
  const QUERY = { datetime: '2023-10-20T00:00:00Z/..' };

  const client = (
    options: Record<string, unknown> = {},
    lookup?: (host: string) => Promise<ResolvedAddress[]>,
  ) =>
    new DmiClient(
      {
        baseUrl: dmi.baseUrl,
        timeoutMs: 2000,
        maxAttempts: 3,
        backoffBaseMs: 1,
        backoffMaxMs: 5,
        pageLimit: 10,
        ...options,
      },
      { lookup },
    );

  async function firstPage(c: DmiClient) {
    for await (const page of c.fetchObservationPages('oceanObs', QUERY)) return page;
    return undefined;
  }

  async function refused(c: DmiClient): Promise<DmiFeedError> {
    const error = await firstPage(c).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DmiFeedError);
    return error as DmiFeedError;
  }

  beforeEach(async () => {
    dmi = await FakeDmiServer.start({ port: 0 });
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

  it("follows a redirect within DMI's own origin", async () => {
    dmi.redirectNext(
      `${dmi.baseUrl}/v2/oceanObs/collections/observation/items?datetime=2023-10-20T00:00:00Z/..&limit=10`,
      301,
    );
    const page = await firstPage(client());
    expect(page?.features[0].properties.stationId).toBe('9020201');
    expect(dmi.requests).toHaveLength(2);
  });

  it('follows a relative Location too', async () => {
    dmi.redirectNext(
      '/v2/oceanObs/collections/observation/items?datetime=2023-10-20T00:00:00Z/..&limit=10',
      307,
    );
    expect((await firstPage(client()))?.numberReturned).toBe(1);
  });

  it.each(['http://127.0.0.2:9/steal', 'http://10.0.0.1/latest/meta-data', 'http://169.254.169.254/'])(
    'refuses a redirect to %s without connecting or retrying',
    async (location) => {
      dmi.redirectNext(location);
      const error = await refused(client());
      expect(error).toMatchObject({ code: 'redirect-refused', retriable: false });
      expect(error.message).toContain(new URL(location).hostname);
      expect(dmi.requests).toHaveLength(1);
    },
  );

  it('refuses a hostname that resolves to a private address', async () => {
    const lookups: string[] = [];
    const lookup = async (host: string) => {
      lookups.push(host);
      return [{ address: '10.0.0.1', family: 4 as const }];
    };
    dmi.redirectNext('http://intranet.example/feeds');
    const error = await refused(client({}, lookup));
    expect(error.code).toBe('redirect-refused');
    expect(lookups).toEqual(['intranet.example']);
  });

  it('resolves localhost through the system resolver and refuses it as loopback', async () => {
    dmi.redirectNext(
      `http://localhost:${new URL(dmi.baseUrl).port}/v2/oceanObs/collections/observation/items`,
    );
    expect((await refused(client())).code).toBe('redirect-refused');
  });

  it('follows a loopback redirect when allowPrivateRedirects is set', async () => {
    dmi.redirectNext(
      `http://localhost:${new URL(dmi.baseUrl).port}/v2/oceanObs/collections/observation/items?datetime=2023-10-20T00:00:00Z/..&limit=10`,
    );
    expect((await firstPage(client({ allowPrivateRedirects: true })))?.numberReturned).toBe(1);
  });

  it('stops after three redirect hops', async () => {
    for (let i = 0; i < 4; i++) dmi.redirectNext(`${dmi.baseUrl}/hop/${i}`);
    const error = await refused(client());
    expect(error).toMatchObject({
      code: 'redirect-refused',
      message: expect.stringContaining('more than 3 redirects'),
    });
    expect(dmi.requests).toHaveLength(4);
  });

  it('applies the same rule to a paging link that points off-origin', async () => {
    const page = {
      type: 'FeatureCollection',
      features: Array.from({ length: 10 }, (_, i) => ({
        type: 'Feature',
        id: `f${i}`,
        geometry: { type: 'Point', coordinates: [9.8897, 55.2706] },
        properties: {
          created: 't',
          observed: '2023-10-20T21:00:00Z',
          parameterId: 'sea_reg',
          stationId: '9020201',
          value: i,
        },
      })),
      timeStamp: '2023-10-20T21:00:05Z',
      numberReturned: 10,
      links: [{ href: 'http://192.168.1.1/admin', rel: 'next' }],
    };
    dmi.respondRawNext(200, JSON.stringify(page));
    const pages: unknown[] = [];
    const walk = (async () => {
      for await (const p of client().fetchObservationPages('oceanObs', QUERY)) pages.push(p);
    })();
    await expect(walk).rejects.toMatchObject({ code: 'redirect-refused' });
    expect(pages).toHaveLength(1);
    expect(dmi.requests).toHaveLength(1);
  });
});
