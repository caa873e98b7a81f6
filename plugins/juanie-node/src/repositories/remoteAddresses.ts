import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Addresses a repository URL must not reach unless `juanie.repositories.allowPrivateAddresses`
 * is set: this machine, the link-local network (cloud metadata services at 169.254.169.254)
 * and the private networks behind the back end. A tenant naming them would make the back end
 * probe its own network for them (server-side request forgery).
 */
const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and broadcast
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6');
}

/** IPv4 written as IPv6 (`::ffff:127.0.0.1`) is the IPv4 address. */
function unmapped(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1] : address;
}

/** Whether an IP address is loopback, link-local, private or otherwise not public. */
export function isPrivateAddress(address: string): boolean {
  const ip = unmapped(address);
  const family = isIP(ip);
  if (family === 0) return false;
  return blocked.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}

/** A host name without the brackets of an IPv6 literal (`[::1]` is `::1`). */
export function bareHost(host: string): string {
  return host.replace(/^\[(.*)\]$/, '$1');
}

/** The addresses a host name resolves to now (a literal IP is itself); throws when it does not resolve. */
export async function resolveHost(host: string): Promise<string[]> {
  const name = bareHost(host);
  if (isIP(name)) return [name];
  const answers = await lookup(name, { all: true, verbatim: true });
  return answers.map(answer => answer.address);
}
