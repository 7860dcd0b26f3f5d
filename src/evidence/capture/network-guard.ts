import { lookup } from 'node:dns/promises';
import net from 'node:net';
import { UsageError } from '../../errors.js';

/**
 * Addresses a consumer never means to capture: link-local ones, where cloud metadata services answer
 * (169.254.169.254 hands out credentials on many clouds). Loopback and private addresses stay allowed
 * (a router page, the demo and the tests serve on 127.0.0.1).
 */
const FORBIDDEN_HOSTS = new Set(['metadata.google.internal', 'metadata.goog', 'metadata', 'instance-data', 'instance-data.ec2.internal']);

/** Whether an IP address is link-local (IPv4 169.254.0.0/16, IPv6 fe80::/10, also IPv4-mapped) or a known metadata address. */
export function isForbiddenAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const ip = mapped ? mapped[1]! : address;
  if (net.isIPv4(ip)) return ip.startsWith('169.254.') || ip === '100.100.100.200';
  if (net.isIPv6(ip)) {
    const first = Number.parseInt(ip.split(':')[0] || '0', 16);
    return (first & 0xffc0) === 0xfe80 || ip.toLowerCase() === 'fd00:ec2::254';
  }
  return false;
}

/** A host name's addresses (the system resolver by default; tests give their own). */
export type Resolve = (host: string) => Promise<string[]>;

/**
 * Refuse a capture target (exit 2) whose host is a metadata name or resolves to a forbidden address,
 * before any connection is made: the URL given, and (through the navigation guard) every redirect and
 * later navigation. A name that does not resolve is left to the browser to report; addresses that are not
 * http(s) (about:blank, data:) reach no host.
 */
export async function checkCaptureTarget(url: string, resolve: Resolve = defaultResolve): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return;
  const host = parsed.hostname.replace(/^\[|\]$/g, '').toLowerCase().replace(/\.$/, '');
  if (FORBIDDEN_HOSTS.has(host)) throw new UsageError('capture.forbiddenAddress', { url, address: host }, 'capture.hint.forbiddenAddress');
  const addresses = net.isIP(host) ? [host] : await resolve(host).catch(() => [] as string[]);
  const bad = addresses.find(isForbiddenAddress);
  if (bad) throw new UsageError('capture.forbiddenAddress', { url, address: bad }, 'capture.hint.forbiddenAddress');
}

async function defaultResolve(host: string): Promise<string[]> {
  return (await lookup(host, { all: true })).map((entry) => entry.address);
}
