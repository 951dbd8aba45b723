/**
 * ip(8) of iproute2 6.1.0, the parts a module lab needs: `ip link [show] [dev] [NAME]
 * [type KIND]` and `ip addr` over /sys/class/net (interfaces that modules such as dummy
 * and bonding create). Everything else gets iproute2's own refusal.
 */
import type { Io, System, Tool } from './tool';

const USAGE = `Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }
       ip [ -force ] -batch filename
where  OBJECT := { address | addrlabel | amt | fou | help | ila | ioam | l2tp |
                   link | macsec | maddress | monitor | mptcp | mroute | mrule |
                   neighbor | neighbour | netconf | netns | nexthop | ntable |
                   ntbl | route | rule | sr | tap | tcpmetrics |
                   token | tunnel | tuntap | vrf | xfrm }
       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[esolve] |
                    -h[uman-readable] | -iec | -j[son] | -p[retty] |
                    -f[amily] { inet | inet6 | mpls | bridge | link } |
                    -4 | -6 | -M | -B | -0 |
                    -l[oops] { maximum-addr-flush-attempts } | -br[ief] |
                    -o[neline] | -t[imestamp] | -ts[hort] | -b[atch] [filename] |
                    -rc[vbuf] [size] | -n[etns] name | -N[umeric] | -a[ll] |
                    -c[olor]}
`;

/** iproute2 matches an object by any prefix of its name (ip.c: matches()). */
const OBJECTS = ['address', 'addrlabel', 'amt', 'fou', 'help', 'ila', 'ioam', 'l2tp', 'link', 'macsec', 'maddress', 'monitor', 'mptcp', 'mroute', 'mrule', 'neighbor', 'neighbour', 'netconf', 'netns', 'nexthop', 'ntable', 'ntbl', 'route', 'rule', 'sr', 'tap', 'tcpmetrics', 'token', 'tunnel', 'tuntap', 'vrf', 'xfrm'];

interface Link {
  index: number;
  name: string;
  kind: string;
  mtu: number;
  address: string;
}

function attr(sys: System, name: string, file: string): string | undefined {
  const v = sys.fs.read(`/sys/class/net/${name}/${file}`);
  return typeof v === 'string' ? v.trim() : undefined;
}

/** A stable locally administered MAC for a device whose sysfs has no address file. */
function fakeMac(name: string): string {
  let h = 2166136261;
  for (const c of name) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  const bytes = [0x02 | ((h >>> 24) & 0xfc), (h >>> 16) & 0xff, (h >>> 8) & 0xff, h & 0xff, (h >>> 4) & 0xff, (h >>> 12) & 0xff];
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

function links(sys: System): Link[] {
  const names = sys.fs.list('/sys/class/net');
  if (typeof names === 'number') return [];
  const out: Link[] = [];
  for (const name of names) {
    const st = sys.fs.stat(`/sys/class/net/${name}`);
    if (typeof st === 'number' || st.type === 'file') continue;
    const kind = name === 'lo' ? 'loopback' : (/^([a-z]+?)[0-9]*$/.exec(name)?.[1] ?? name).replace(/^bond$/, 'bond');
    const index = Number(attr(sys, name, 'ifindex') ?? NaN);
    out.push({
      index: Number.isFinite(index) ? index : name === 'lo' ? 1 : out.length + 2,
      name,
      kind,
      mtu: Number(attr(sys, name, 'mtu') ?? (name === 'lo' ? 65536 : 1500)),
      address: attr(sys, name, 'address') ?? (name === 'lo' ? '00:00:00:00:00:00' : fakeMac(name)),
    });
  }
  return out.sort((a, b) => a.index - b.index);
}

function describe(l: Link, withMode: boolean): string {
  const mode = withMode ? ' mode DEFAULT' : '';
  if (l.kind === 'loopback') {
    return `${l.index}: ${l.name}: <LOOPBACK> mtu ${l.mtu} qdisc noop state DOWN${mode} group default qlen 1000\n    link/loopback ${l.address} brd 00:00:00:00:00:00\n`;
  }
  const flags = l.kind === 'dummy' ? 'BROADCAST,NOARP' : 'BROADCAST,MULTICAST,MASTER';
  return `${l.index}: ${l.name}: <${flags}> mtu ${l.mtu} qdisc noop state DOWN${mode} group default qlen 1000\n    link/ether ${l.address} brd ff:ff:ff:ff:ff:ff\n`;
}

function show(args: string[], io: Io, sys: System, withMode: boolean, object: string): number {
  let dev: string | undefined;
  let kind: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === 'dev') dev = args[++i];
    else if (a === 'type') kind = args[++i];
    else if (a === 'up' || a === 'master' || a === 'vrf' || a === 'group') i += a === 'up' ? 0 : 1;
    else if (dev === undefined) dev = a;
    else {
      io.err(`Error: either "dev" is duplicate, or "${a}" is a garbage.\n`);
      return 1;
    }
  }
  const all = links(sys);
  if (dev !== undefined && !all.some((l) => l.name === dev)) {
    io.err(`Device "${dev}" does not exist.\n`);
    return 1;
  }
  const selected = all.filter((l) => (dev === undefined || l.name === dev) && (kind === undefined || l.kind === kind));
  io.out(selected.map((l) => describe(l, withMode)).join(''));
  void object;
  return 0;
}

export function main(argv: string[], io: Io, sys: System): number {
  const args = argv.slice(1).filter((a) => !/^-(c(olor)?|N(umeric)?|d(etails)?|s(tatistics)?)$/.test(a));
  if (args[0] === '-V' || args[0] === '-Version') {
    io.out('ip utility, iproute2-6.1.0, libbpf 1.1.2\n');
    return 0;
  }
  if (args.length === 0 || args[0] === 'help') {
    io.err(USAGE);
    return 255;
  }
  if (args[0].startsWith('-')) {
    io.err(`Option "${args[0]}" is unknown, try "ip -help".\n`);
    return 255;
  }
  const object = OBJECTS.find((o) => o.startsWith(args[0]));
  if (!object) {
    io.err(`Object "${args[0]}" is unknown, try "ip help".\n`);
    return 1;
  }
  const rest = args.slice(1);
  const command = rest[0] ?? 'show';
  if (object === 'link' || object === 'address') {
    if (['show', 'list', 'lst', 'sh', 'ls', 'l', 's'].some((c) => c === command) || (rest.length === 0)) {
      return show(rest.slice(rest.length ? 1 : 0), io, sys, object === 'link', object);
    }
    io.err(`Command "${command}" is unknown, try "ip ${object === 'link' ? 'link' : 'address'} help".\n`);
    return 255;
  }
  // Other objects talk to kernel subsystems this machine does not simulate.
  io.err(`Command "${command}" is unknown, try "ip ${object} help".\n`);
  return 255;
}

export const ip: Tool = { name: 'ip', main, summary: 'show network devices' };
