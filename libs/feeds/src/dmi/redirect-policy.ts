// Decides whether the client may follow a URL that leaves DMI's origin (a 3xx Location or a paging link).
// Why: a compromised or spoofed answer must not turn the poller into a probe of our own network (SSRF).
import { promises as dns } from 'node:dns';
import { isIP } from 'node:net';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** dns.promises.lookup with `all: true`; injectable so tests never touch a real resolver. */
export type AddressLookup = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemLookup: AddressLookup = async (hostname) =>
  (await dns.lookup(hostname, { all: true, verbatim: true })).map((a) => ({
    address: a.address,
    family: a.family === 6 ? 6 : 4,
  }));

export type ForbiddenAddressKind = 'loopback' | 'private' | 'link-local' | 'unspecified';

/** Classifies an IP literal; null means an ordinary public address. */
export function forbiddenAddressKind(ip: string): ForbiddenAddressKind | null {
  const version = isIP(ip);
  if (version === 4) return classifyIpv4(ip);
  if (version === 6) return classifyIpv6(ip);
  return null;
}

function classifyIpv4(ip: string): ForbiddenAddressKind | null {
  const [a, b] = ip.split('.').map(Number);
  if (a === 0) return 'unspecified'; // 0.0.0.0/8 "this network"; 0.0.0.0 reaches localhost on Linux
  if (a === 127) return 'loopback';
  if (a === 10) return 'private';
  if (a === 172 && b >= 16 && b <= 31) return 'private';
  if (a === 192 && b === 168) return 'private';
  if (a === 169 && b === 254) return 'link-local'; // includes cloud metadata endpoints (169.254.169.254)
  return null;
}

function classifyIpv6(ip: string): ForbiddenAddressKind | null {
  const groups = expandIpv6(ip);
  if (groups.every((g) => g === 0)) return 'unspecified';
  if (groups.slice(0, 7).every((g) => g === 0) && groups[7] === 1) return 'loopback';
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible forms reach IPv4 hosts: judge the embedded address.
  if (groups.slice(0, 5).every((g) => g === 0) && (groups[5] === 0xffff || groups[5] === 0)) {
    const v4 = `${groups[6] >> 8}.${groups[6] & 0xff}.${groups[7] >> 8}.${groups[7] & 0xff}`;
    return classifyIpv4(v4);
  }
  if ((groups[0] & 0xfe00) === 0xfc00) return 'private'; // fc00::/7 unique local
  if ((groups[0] & 0xffc0) === 0xfe80) return 'link-local'; // fe80::/10
  return null;
}

/** Eight 16-bit groups of an IPv6 literal (already validated by isIP), embedded dotted IPv4 included. */
function expandIpv6(ip: string): number[] {
  let text = ip.split('%')[0]; // drop a zone id such as fe80::1%eth0
  const dotted = text.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (dotted) {
    const [a, b, c, d] = dotted[1].split('.').map(Number);
    text = `${text.slice(0, -dotted[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : new Array(8 - headGroups.length - tailGroups.length).fill('0');
  return [...headGroups, ...fill, ...tailGroups].map((g) => parseInt(g, 16));
}

export type RedirectVerdict =
  { allowed: true; pinnedAddresses?: ResolvedAddress[] } | { allowed: false; reason: string };

/**
 * Same origin as baseUrl: always allowed. Anything else must be http(s), must not downgrade https to http,
 * and its host must not be, or resolve (every address) to, a loopback/private/link-local/unspecified IP,
 * unless allowPrivate. The vetted addresses are returned so the request can be pinned to them, closing the
 * gap where a second DNS answer (rebinding) differs from the one we checked.
 */
export async function judgeRedirectTarget(
  target: URL,
  baseUrl: URL,
  allowPrivate: boolean,
  lookup: AddressLookup,
): Promise<RedirectVerdict> {
  if (target.origin === baseUrl.origin) return { allowed: true };
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    return { allowed: false, reason: `protocol ${target.protocol} is not http(s)` };
  }
  if (baseUrl.protocol === 'https:' && target.protocol === 'http:') {
    return { allowed: false, reason: 'downgrade from https to http' };
  }
  if (allowPrivate) return { allowed: true };
  const host = target.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) {
    const kind = forbiddenAddressKind(host);
    return kind ? { allowed: false, reason: `${host} is a ${kind} address` } : { allowed: true };
  }
  let addresses: ResolvedAddress[];
  try {
    addresses = await lookup(host);
  } catch (error) {
    return { allowed: false, reason: `cannot resolve ${host}: ${(error as Error).message}` };
  }
  if (addresses.length === 0) return { allowed: false, reason: `${host} resolves to no address` };
  for (const { address } of addresses) {
    const kind = forbiddenAddressKind(address);
    if (kind) return { allowed: false, reason: `${host} resolves to ${address}, a ${kind} address` };
  }
  return { allowed: true, pinnedAddresses: addresses };
}
