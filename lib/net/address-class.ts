import net from 'node:net';

/**
 * Which kind of address an IP is, for deciding where the server may send requests
 * (webhooks). Anything but `public` is refused unless an administrator allow-lists the host:
 * the server would otherwise act on the attacker's behalf inside its own network
 * (loopback services, cloud metadata at 169.254.169.254, private ranges).
 */
export type AddressClass = 'public' | 'loopback' | 'private' | 'link-local' | 'multicast' | 'unspecified' | 'reserved';

type Range = [address: string, prefix: number, kind: Exclude<AddressClass, 'public'>];

const IPV4_RANGES: Range[] = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'private'], // carrier-grade NAT
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'], // cloud metadata services live here
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'reserved'],
  ['192.88.99.0', 24, 'reserved'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'],
  ['198.51.100.0', 24, 'reserved'],
  ['203.0.113.0', 24, 'reserved'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'], // includes 255.255.255.255
];

const IPV6_RANGES: Range[] = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['100::', 64, 'reserved'],
  ['2001:db8::', 32, 'reserved'],
  ['fc00::', 7, 'private'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'private'], // site-local, deprecated but routable inside sites
  ['ff00::', 8, 'multicast'],
];

function blockListOf(ranges: Range[], family: 'ipv4' | 'ipv6'): Array<[net.BlockList, Range[2]]> {
  return ranges.map(([address, prefix, kind]) => {
    const list = new net.BlockList();
    list.addSubnet(address, prefix, family);
    return [list, kind];
  });
}

const V4 = blockListOf(IPV4_RANGES, 'ipv4');
const V6 = blockListOf(IPV6_RANGES, 'ipv6');

/** The 16 bytes of an IPv6 address (net.isIPv6 must hold). */
function ipv6Bytes(address: string): number[] {
  let text = address.split('%')[0]!;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, -dotted[1]!.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? (text.split('::') as [string, string]) : [text, null];
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const groups = tail === null ? headGroups : [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups];
  return groups.flatMap((group) => {
    const value = parseInt(group || '0', 16);
    return [value >> 8, value & 0xff];
  });
}

/** IPv4 carried inside an IPv6 address (mapped, compatible, NAT64, 6to4), or null. */
function embeddedIpv4(address: string): string | null {
  const bytes = ipv6Bytes(address);
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((byte) => byte === 0);
  const v4 = (offset: number) => bytes.slice(offset, offset + 4).join('.');
  if (zeros(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return v4(12); // ::ffff:a.b.c.d
  if (zeros(0, 12) && bytes[12] !== 0) return v4(12); // ::a.b.c.d (deprecated "compatible"; not ::1 or ::)
  if (bytes[0] === 0x00 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b && zeros(4, 12)) return v4(12); // 64:ff9b::/96
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return v4(2); // 2002::/16, 6to4
  return null;
}

/** The class of an IP address; 'reserved' for text that is not an IP address at all. */
export function classifyAddress(address: string): AddressClass {
  const family = net.isIP(address);
  if (family === 4) return V4.find(([list]) => list.check(address, 'ipv4'))?.[1] ?? 'public';
  if (family !== 6) return 'reserved';
  const inner = embeddedIpv4(address);
  if (inner) {
    const innerClass = classifyAddress(inner);
    // 6to4 and NAT64 of a public address are public; of anything else, what the inner one is.
    if (
      innerClass !== 'public' ||
      !ipv6Bytes(address)
        .slice(0, 10)
        .every((byte) => byte === 0)
    )
      return innerClass;
    return 'public';
  }
  return V6.find(([list]) => list.check(address, 'ipv6'))?.[1] ?? 'public';
}

export const ADDRESS_CLASS_TEXT: Record<AddressClass, string> = {
  public: 'public',
  loopback: 'a loopback address',
  private: 'a private network address',
  'link-local': 'a link-local address (such as a cloud metadata service)',
  multicast: 'a multicast address',
  unspecified: 'an unspecified address',
  reserved: 'a reserved address',
};
