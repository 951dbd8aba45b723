/**
 * Network devices that drivers register at init (drivers/net/dummy.c dummy_init_one,
 * drivers/net/bonding/bond_main.c bond_create): what `ls /sys/class/net` and `ip link`
 * show. They live as long as their module; lo (ifindex 1) always exists. Index numbers are
 * never reused within a boot (dev_new_index).
 */
import type { Linux } from './linux';
import type { LoadedModule, Netdev } from './state';

export const LOOPBACK: Netdev = { name: 'lo', ifindex: 1, address: '00:00:00:00:00:00', flags: 'LOOPBACK' };

/**
 * eth_hw_addr_random(): a random unicast, locally administered address. Derived from the
 * boot time and the index instead of Math.random, so a replayed session prints the same.
 */
function randomMac(seed: number): string {
  let h = (seed >>> 0) ^ 0x9e3779b9;
  const bytes: number[] = [];
  for (let i = 0; i < 6; i++) {
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
    h = (h ^ (h >>> 12)) >>> 0;
    bytes.push(h & 0xff);
  }
  bytes[0] = ((bytes[0] ?? 0) & 0xfe) | 0x02;
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

export function registerNetdevs(k: Linux, mod: LoadedModule): void {
  const spec = k.image(mod)?.netdevs;
  if (!spec) return;
  const count = Number(mod.params[spec.countParam] ?? 0);
  if (!Number.isInteger(count) || count <= 0) return;
  const devices: Netdev[] = [];
  for (let i = 0; i < count; i++) {
    const ifindex = k.state.nextIfindex ?? 2;
    k.state.nextIfindex = ifindex + 1;
    devices.push({ name: `${spec.prefix}${i}`, ifindex, address: randomMac(k.state.bootedAt + ifindex * 7919), flags: spec.flags });
  }
  mod.netdevs = devices;
}

/** Every registered device, lo first, in ifindex order. */
export function netdevs(k: Linux): Netdev[] {
  return [LOOPBACK, ...k.state.modules.flatMap((m) => m.netdevs ?? [])].sort((a, b) => a.ifindex - b.ifindex);
}

/** Files drivers add to /sys/class/net itself (bonding_masters while bonding is loaded). */
export function classFiles(k: Linux): string[] {
  return k.state.modules.flatMap((m) => {
    const file = k.image(m)?.netdevs?.classFile;
    return file ? [file] : [];
  });
}
