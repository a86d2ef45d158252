import { AddressLookup, checkWebhookTarget, ResolvedAddress } from './target-address';

function lookupOf(table: Record<string, string[]>): AddressLookup & jest.Mock {
  return jest.fn(async (host: string): Promise<ResolvedAddress[]> => {
    const addresses = table[host];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  });
}

const strict = (lookup: AddressLookup) => ({ allowPrivateNetwork: false, lookup });

describe('checkWebhookTarget', () => {
  it('allows a host whose every address is public, returning them for the connection', async () => {
    const lookup = lookupOf({ 'hooks.example.dk': ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'] });
    await expect(checkWebhookTarget('https://hooks.example.dk/klimavagt', strict(lookup))).resolves.toEqual({
      ok: true,
      addresses: ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'],
    });
    expect(lookup).toHaveBeenCalledWith('hooks.example.dk');
  });

  it.each([
    ['127.0.0.1', 'loopback (127.0.0.0/8)'],
    ['127.255.0.9', 'loopback (127.0.0.0/8)'],
    ['::1', 'loopback (::1/128)'],
    ['10.1.2.3', 'private (10.0.0.0/8)'],
    ['172.16.0.1', 'private (172.16.0.0/12)'],
    ['172.31.255.254', 'private (172.16.0.0/12)'],
    ['192.168.1.10', 'private (192.168.0.0/16)'],
    ['fd12:3456::1', 'private (fc00::/7)'],
    ['fc00::1', 'private (fc00::/7)'],
    ['169.254.169.254', 'link-local (169.254.0.0/16)'],
    ['169.254.0.1', 'link-local (169.254.0.0/16)'],
    ['fe80::1', 'link-local (fe80::/10)'],
    ['febf::1', 'link-local (fe80::/10)'],
    ['0.0.0.0', 'unspecified (0.0.0.0/8)'],
    ['::', 'unspecified (::/128)'],
    ['100.64.0.1', 'carrier-grade NAT (100.64.0.0/10)'],
    ['100.100.100.200', 'carrier-grade NAT (100.64.0.0/10)'],
    ['224.0.0.251', 'multicast (224.0.0.0/4)'],
    ['239.255.255.250', 'multicast (224.0.0.0/4)'],
    ['ff02::1', 'multicast (ff00::/8)'],
    ['255.255.255.255', 'reserved (240.0.0.0/4)'],
    ['::ffff:127.0.0.1', 'loopback (127.0.0.0/8, IPv4-mapped 127.0.0.1)'],
    ['::ffff:169.254.169.254', 'link-local (169.254.0.0/16, IPv4-mapped 169.254.169.254)'],
    ['::ffff:a00:1', 'private (10.0.0.0/8, IPv4-mapped 10.0.0.1)'],
    ['64:ff9b::a9fe:a9fe', 'link-local (169.254.0.0/16, NAT64 169.254.169.254)'],
  ])('refuses a host resolving to %s, naming the address and the range', async (address, range) => {
    const verdict = await checkWebhookTarget(
      'https://evil.example/hook',
      strict(lookupOf({ 'evil.example': [address] })),
    );
    expect(verdict).toEqual({
      ok: false,
      reason: `evil.example resolves to ${address}, which is ${range}`,
      retriable: false,
    });
  });

  it.each([
    ['http://169.254.169.254/latest/meta-data', '169.254.169.254 is link-local (169.254.0.0/16)'],
    ['http://127.0.0.1:8080/', '127.0.0.1 is loopback (127.0.0.0/8)'],
    ['http://[::1]/', '::1 is loopback (::1/128)'],
    ['http://[::ffff:127.0.0.1]/', '::ffff:7f00:1 is loopback (127.0.0.0/8, IPv4-mapped 127.0.0.1)'],
    ['http://2130706433/', '127.0.0.1 is loopback (127.0.0.0/8)'], // the URL parser normalises the decimal form
    ['http://0x7f.1/', '127.0.0.1 is loopback (127.0.0.0/8)'],
    ['http://0/', '0.0.0.0 is unspecified (0.0.0.0/8)'],
  ])('refuses the IP literal in %s without asking DNS', async (url, reason) => {
    const lookup = lookupOf({});
    await expect(checkWebhookTarget(url, strict(lookup))).resolves.toEqual({
      ok: false,
      reason,
      retriable: false,
    });
    expect(lookup).not.toHaveBeenCalled();
  });

  it('refuses a host resolving to public and private addresses alike, whichever comes first', async () => {
    const lookup = lookupOf({
      'mixed.example': ['93.184.216.34', '10.0.0.5'],
      'mixed6.example': ['fe80::1', '93.184.216.34'],
    });
    await expect(checkWebhookTarget('https://mixed.example/', strict(lookup))).resolves.toEqual({
      ok: false,
      reason: 'mixed.example resolves to 10.0.0.5, which is private (10.0.0.0/8)',
      retriable: false,
    });
    await expect(checkWebhookTarget('https://mixed6.example/', strict(lookup))).resolves.toMatchObject({
      ok: false,
      reason: expect.stringContaining('fe80::1, which is link-local (fe80::/10)'),
    });
  });

  it('lets private, loopback and link-local targets through when allowPrivateNetwork', async () => {
    const lookup = lookupOf({ 'intern.assens.dk': ['10.0.0.5', '93.184.216.34'] });
    const allow = { allowPrivateNetwork: true, lookup };
    await expect(checkWebhookTarget('http://intern.assens.dk/hook', allow)).resolves.toEqual({
      ok: true,
      addresses: ['10.0.0.5', '93.184.216.34'],
    });
    await expect(checkWebhookTarget('http://127.0.0.1:3000/hook', allow)).resolves.toEqual({
      ok: true,
      addresses: ['127.0.0.1'],
    });
    await expect(checkWebhookTarget('http://[::1]:3000/hook', allow)).resolves.toEqual({
      ok: true,
      addresses: ['::1'],
    });
  });

  it.each([
    'ftp://hooks.example.dk/x',
    'file:///etc/passwd',
    'gopher://hooks.example.dk/',
    'javascript:alert(1)',
    'ws://hooks.example.dk/',
  ])('refuses the non-http(s) URL %s even when private targets are allowed', async (url) => {
    const lookup = lookupOf({ 'hooks.example.dk': ['93.184.216.34'] });
    const verdict = await checkWebhookTarget(url, { allowPrivateNetwork: true, lookup });
    expect(verdict).toEqual({
      ok: false,
      reason: expect.stringMatching(/^scheme .+ is not http\(s\)$/),
      retriable: false,
    });
    expect(lookup).not.toHaveBeenCalled();
  });

  it('refuses URLs carrying credentials', async () => {
    const lookup = lookupOf({ 'hooks.example.dk': ['93.184.216.34'] });
    for (const url of ['https://user:pw@hooks.example.dk/', 'https://user@hooks.example.dk/']) {
      await expect(checkWebhookTarget(url, strict(lookup))).resolves.toEqual({
        ok: false,
        reason: 'URL carries a user name or password',
        retriable: false,
      });
    }
  });

  it('refuses what is not a URL at all', async () => {
    await expect(checkWebhookTarget('hooks.example.dk/hook', strict(lookupOf({})))).resolves.toEqual({
      ok: false,
      reason: '"hooks.example.dk/hook" is not a URL',
      retriable: false,
    });
  });

  it('reports a name that does not resolve, or resolves to nothing, as retriable', async () => {
    const lookup = lookupOf({ 'empty.example': [] });
    await expect(checkWebhookTarget('https://gone.example/', strict(lookup))).resolves.toEqual({
      ok: false,
      reason: 'cannot resolve gone.example: ENOTFOUND',
      retriable: true,
    });
    await expect(checkWebhookTarget('https://empty.example/', strict(lookup))).resolves.toEqual({
      ok: false,
      reason: 'empty.example resolves to no address',
      retriable: true,
    });
  });

  it('refuses a resolver answer that is not an IP address, even with allowPrivateNetwork', async () => {
    const lookup = lookupOf({ 'odd.example': ['not-an-ip'] });
    await expect(
      checkWebhookTarget('https://odd.example/', { allowPrivateNetwork: true, lookup }),
    ).resolves.toEqual({
      ok: false,
      reason: 'odd.example resolves to not-an-ip, which is not an IP address',
      retriable: false,
    });
  });

  it('resolves with the system resolver when no lookup is given', async () => {
    await expect(
      checkWebhookTarget('http://localhost:9/', { allowPrivateNetwork: false }),
    ).resolves.toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^localhost resolves to (127\.0\.0\.1|::1), which is loopback/),
    });
  });
});
