// Owns the SSRF guard: which webhook URLs Klimavagt may POST to, judged by every address the host resolves to.
import { promises as dns } from 'node:dns';
import { BlockList, isIP } from 'node:net';

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** dns.promises.lookup with `all: true`; injectable so tests never ask a real resolver. */
export type AddressLookup = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemLookup: AddressLookup = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

export interface WebhookTargetOptions {
  /** For receivers on our own network (and tests on 127.0.0.1); subscribers on the internet never get it. */
  allowPrivateNetwork: boolean;
  lookup?: AddressLookup;
}

export type WebhookTargetVerdict =
  | { ok: true; addresses: string[] }
  /** retriable: the URL may work later (the name did not resolve now); otherwise it never will. */
  | { ok: false; reason: string; retriable: boolean };

interface NamedRange {
  kind: string;
  cidr: string;
  list: BlockList;
}

function range(kind: string, network: string, prefix: number, type: 'ipv4' | 'ipv6'): NamedRange {
  const list = new BlockList();
  list.addSubnet(network, prefix, type);
  return { kind, cidr: `${network}/${prefix}`, list };
}

// Ranges a subscriber-supplied URL must not reach: our own host, our networks, and the cloud metadata
// endpoints (169.254.169.254; Alibaba's 100.100.100.200 sits in the CGNAT range).
const IPV4_RANGES: NamedRange[] = [
  range('unspecified', '0.0.0.0', 8, 'ipv4'), // "this network"; 0.0.0.0 reaches localhost on Linux
  range('loopback', '127.0.0.0', 8, 'ipv4'),
  range('private', '10.0.0.0', 8, 'ipv4'),
  range('private', '172.16.0.0', 12, 'ipv4'),
  range('private', '192.168.0.0', 16, 'ipv4'),
  range('link-local', '169.254.0.0', 16, 'ipv4'),
  range('carrier-grade NAT', '100.64.0.0', 10, 'ipv4'),
  range('multicast', '224.0.0.0', 4, 'ipv4'),
  range('reserved', '240.0.0.0', 4, 'ipv4'), // includes the broadcast address 255.255.255.255
];

const IPV6_RANGES: NamedRange[] = [
  range('unspecified', '::', 128, 'ipv6'),
  range('loopback', '::1', 128, 'ipv6'),
  range('private', 'fc00::', 7, 'ipv6'),
  range('site-local', 'fec0::', 10, 'ipv6'),
  range('link-local', 'fe80::', 10, 'ipv6'),
  range('multicast', 'ff00::', 8, 'ipv6'),
];

// IPv6 forms that carry an IPv4 address in their last 32 bits and reach that IPv4 host.
const IPV4_CARRYING: NamedRange[] = [
  range('IPv4-mapped', '::ffff:0:0', 96, 'ipv6'),
  range('IPv4-compatible', '::', 96, 'ipv6'),
  range('NAT64', '64:ff9b::', 96, 'ipv6'),
];

/**
 * Why `ip` may not be a webhook target, as the rest of a sentence about it ("is link-local
 * (169.254.0.0/16)"), or null for an ordinary public address. Anything not an IP literal is refused too.
 */
export function forbiddenAddressReason(ip: string): string | null {
  const address = ip.split('%')[0]; // a zone id (fe80::1%eth0) does not change which range it is in
  const version = isIP(address);
  if (version === 4) {
    const hit = IPV4_RANGES.find((r) => r.list.check(address, 'ipv4'));
    return hit ? `is ${hit.kind} (${hit.cidr})` : null;
  }
  if (version === 6) {
    const hit = IPV6_RANGES.find((r) => r.list.check(address, 'ipv6'));
    if (hit) return `is ${hit.kind} (${hit.cidr})`;
    const carrier = IPV4_CARRYING.find((r) => r.list.check(address, 'ipv6'));
    if (!carrier) return null;
    const v4 = embeddedIpv4(address);
    const inner = IPV4_RANGES.find((r) => r.list.check(v4, 'ipv4'));
    return inner ? `is ${inner.kind} (${inner.cidr}, ${carrier.kind} ${v4})` : null;
  }
  return 'is not an IP address';
}

/** The dotted IPv4 address in the last 32 bits of an IPv6 literal, whichever way it was written. */
function embeddedIpv4(ipv6: string): string {
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(ipv6);
  if (dotted) return dotted[1];
  const groups = ipv6.split(':');
  const [high, low] = groups.slice(-2).map((g) => parseInt(g || '0', 16));
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/**
 * Judges a webhook URL before anything is sent to it: http(s) only, no credentials in the URL, and the
 * host must not be, or resolve to (any one of its addresses), a forbidden address unless
 * allowPrivateNetwork. The vetted addresses are returned so the request connects to exactly these; a
 * second resolution could answer differently (DNS rebinding).
 */
export async function checkWebhookTarget(
  url: string,
  opts: WebhookTargetOptions,
): Promise<WebhookTargetVerdict> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: `${JSON.stringify(url)} is not a URL`, retriable: false };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { ok: false, reason: `scheme ${parsed.protocol} is not http(s)`, retriable: false };
  }
  // Credentials in a URL end up in logs and Referer-like places; receivers authenticate us by signature.
  if (parsed.username !== '' || parsed.password !== '') {
    return { ok: false, reason: 'URL carries a user name or password', retriable: false };
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (isIP(host)) {
    addresses = [host];
  } else {
    try {
      addresses = (await (opts.lookup ?? systemLookup)(host)).map((a) => a.address);
    } catch (error) {
      const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      return { ok: false, reason: `cannot resolve ${host}: ${why}`, retriable: true };
    }
    if (addresses.length === 0)
      return { ok: false, reason: `${host} resolves to no address`, retriable: true };
  }
  for (const address of addresses) {
    const reason = isIP(address)
      ? opts.allowPrivateNetwork
        ? null
        : forbiddenAddressReason(address)
      : 'is not an IP address';
    if (reason) {
      const subject = address === host ? address : `${host} resolves to ${address}, which`;
      return { ok: false, reason: `${subject} ${reason}`, retriable: false };
    }
  }
  return { ok: true, addresses };
}
