/**
 * /proc as far as module work needs it: modules (kernel/module/procfs.c m_show), version,
 * cmdline, uptime, kallsyms (module symbols only), and the sysctls a lab reads
 * (/proc/sys/kernel/tainted, printk, printk_devkmsg, dmesg_restrict; a few others such as
 * vm/swappiness under the other eight sysctl directories). procfs files show size 0.
 */
import { nodename } from './utsname';
import type { FileTree } from './filetree';
import type { Linux } from './linux';
import type { LoadedModule } from './state';
import type { VNode } from './vtree';
import { vtree } from './vtree';
import { EINVAL } from './errno';
import { moduleTaintMask, moduleTaintLetters } from './taint';
import { LINUX_BANNER_PREFIX } from './banner';
import { CPUINFO, FILESYSTEMS, MEMINFO } from './proc-hardware';
import { procPidNames, procPidNode } from './proc-pid';
import { moduleSymtab } from './kallsyms';

/** %px of a module address (the upper half of the module area is all ones). */
export function modAddress(addr: number): string {
  return 'ffffffff' + (addr >>> 0).toString(16).padStart(8, '0');
}

/** Sysctl defaults of Debian 12 (09-dmesg, 13-sysfs-corners: printk "7 4 1 7", dmesg_restrict 1, printk_devkmsg ratelimit). */
export const SYSCTL_DEFAULTS: Readonly<Record<string, string>> = {
  printk: '7\t4\t1\t7',
  dmesg_restrict: '1',
  printk_devkmsg: 'ratelimit',
  // kernel/watchdog.c: a CPU stuck for 2 × watchdog_thresh s is a soft lockup (11b); no panic
  watchdog_thresh: '10',
  softlockup_panic: '0',
  // mm/vmscan.c, mm/util.c, net/ipv4: the kernel's own defaults (the oracle guest sets none)
  swappiness: '60',
  overcommit_memory: '0',
  ip_forward: '0',
  // lib/vsprintf.c: %pK and /proc/kallsyms show addresses to CAP_SYSLOG at 0 and 1, to nobody at 2
  kptr_restrict: '0',
};

/** kernel/printk/sysctl.c: dmesg_restrict is proc_dointvec_minmax_sysadmin with 0..1. */
const SYSCTL_RANGE: Readonly<Record<string, [number, number]>> = {
  dmesg_restrict: [0, 1],
  kptr_restrict: [0, 2],
  watchdog_thresh: [0, 60],
  softlockup_panic: [0, 1],
  swappiness: [0, 200],
  overcommit_memory: [0, 2],
};

/**
 * devkmsg_sysctl_set_loglvl(): "on", "off" or "ratelimit" followed by exactly one more byte
 * (the newline of echo); anything else is -EINVAL and keeps the old setting.
 */
function devkmsgValue(data: string): string | undefined {
  const value = ['on', 'off', 'ratelimit'].find((v) => data.startsWith(v));
  return value !== undefined && data.length === value.length + 1 ? value : undefined;
}

/** module_flags(mod, buf, true): "(POE)", "+" while loading, "-" while unloading. */
function moduleFlags(mod: LoadedModule): string {
  const letters = moduleTaintLetters(moduleTaintMask(mod.taint));
  if (letters === '' ) return '';
  const state = mod.state === 'going' ? '-' : mod.state === 'coming' ? '+' : '';
  return ` (${letters}${state})`;
}

/** One /proc/modules line. */
export function procModulesLine(k: Linux, mod: LoadedModule): string {
  const img = k.image(mod);
  const size = (img?.coresize ?? 0) + (mod.state === 'coming' ? img?.initsize ?? 0 : 0);
  let used = k.holders(mod.name).map((h) => `${h},`).join('');
  if (img?.init && !img.exit) used += '[permanent],';
  if (used === '') used = '-';
  const state = mod.state === 'going' ? 'Unloading' : mod.state === 'coming' ? 'Loading' : 'Live';
  return `${mod.name} ${size} ${k.refcnt(mod.name)} ${used} ${state} 0x${modAddress(mod.address)}${moduleFlags(mod)}\n`;
}

/**
 * /proc/kallsyms (kernel/kallsyms.c s_show): vmlinux's symbols, then the modules', newest
 * module first (kernel/module/kallsyms.c). kallsyms_show_value(): with kptr_restrict 0 or 1
 * a reader with CAP_SYSLOG (root) sees the addresses; anyone else, or everyone at 2, zeros
 * (23-lab-proc: `setpriv --reuid=65534 grep hello /proc/kallsyms`).
 */
function kallsyms(k: Linux): string {
  const text = vmlinuxAndModules(k);
  const restrict = Number(k.state.sysctl.kptr_restrict ?? SYSCTL_DEFAULTS.kptr_restrict);
  const shown = restrict < 2 && (k.processes.current?.uid ?? 0) === 0;
  return shown ? text : text.replace(/^[0-9a-f]{16}/gm, '0000000000000000');
}

function vmlinuxAndModules(k: Linux): string {
  let out = k.config.vmlinuxKallsyms?.() ?? '';
  for (const mod of k.modules()) {
    const img = k.image(mod);
    if (!img) continue;
    const base = { text: mod.address, ro: mod.address + 0x1000, data: mod.address + 0x2000 };
    for (const [type, name, section, offset] of moduleSymtab(img)) out += `${modAddress(base[section] + offset)} ${type} ${name}\t[${mod.name}]\n`;
  }
  return out;
}

function uptime(k: Linux): string {
  const usec = k.uptimeUsec();
  const secs = (u: number) => `${Math.floor(u / 1e6)}.${String(Math.floor((u % 1e6) / 1e4)).padStart(2, '0')}`;
  // two CPUs, mostly idle
  return `${secs(usec)} ${secs(Math.floor(usec * 1.9))}\n`;
}

export function createProcfs(k: Linux): FileTree {
  const now = () => k.clock();
  const file = (read: () => string, mode = 0o444, write?: (data: string) => number): VNode => ({ kind: 'file', mode, size: 0, mtime: now(), read, write });
  const sysctl = (name: string): VNode =>
    file(() => `${k.state.sysctl[name] ?? SYSCTL_DEFAULTS[name]}\n`, 0o644, (data) => {
      const v = data.trim().split(/\s+/);
      if (v.length === 0 || v.some((x) => !/^-?\d+$/.test(x))) return -EINVAL;
      const range = SYSCTL_RANGE[name];
      if (range && v.some((x) => Number(x) < range[0] || Number(x) > range[1])) return -EINVAL;
      k.state.sysctl[name] = name === 'printk' ? mergePrintk(k.state.sysctl[name] ?? SYSCTL_DEFAULTS.printk, v) : v[0];
      return 0;
    });
  const files: Record<string, () => VNode> = {
    '/proc/modules': () => file(() => k.modules().map((m) => procModulesLine(k, m)).join('')),
    '/proc/version': () => file(() => `${LINUX_BANNER_PREFIX(k.config.release)} ${k.config.version}\n`),
    '/proc/cmdline': () => file(() => `${k.state.cmdline}\n`),
    '/proc/uptime': () => file(() => uptime(k)),
    '/proc/kallsyms': () => file(() => kallsyms(k)),
    '/proc/cpuinfo': () => file(() => CPUINFO),
    '/proc/meminfo': () => file(() => MEMINFO),
    '/proc/filesystems': () => file(() => FILESYSTEMS),
    // an idle machine: the shell and the command reading it are the runnable tasks
    '/proc/loadavg': () => file(() => `0.00 0.00 0.00 1/${k.processes.all().length} ${k.state.nextPid - 1}\n`),
    '/proc/sys/kernel/osrelease': () => file(() => `${k.config.release}\n`, 0o444),
    '/proc/sys/kernel/ostype': () => file(() => 'Linux\n', 0o444),
    '/proc/sys/kernel/hostname': () => file(() => `${nodename(k)}\n`, 0o644),
    '/proc/sys/kernel/version': () => file(() => `${k.config.version}\n`, 0o444),
    '/proc/sys/kernel/kptr_restrict': () => sysctl('kptr_restrict'),
    '/proc/sys/kernel/tainted': () =>
      file(() => `${k.state.tainted}\n`, 0o644, (data) => {
        // proc_taint(): each bit written is added (LOCKDEP_STILL_OK), none is removed
        if (!/^\s*\d+\s*$/.test(data)) return -EINVAL;
        const mask = Number(data.trim());
        for (let bit = 0; bit < 19; bit++) if (mask & (1 << bit)) k.addTaint(bit, false);
        return 0;
      }),
    '/proc/sys/abi/vsyscall32': () => file(() => '1\n', 0o444),
    '/proc/sys/crypto/fips_enabled': () => file(() => '0\n', 0o444),
    '/proc/sys/debug/exception-trace': () => file(() => '1\n', 0o444),
    '/proc/sys/net/ipv4/ip_forward': () => sysctl('ip_forward'),
    '/proc/sys/vm/overcommit_memory': () => sysctl('overcommit_memory'),
    '/proc/sys/vm/swappiness': () => sysctl('swappiness'),
    '/proc/sys/kernel/printk': () => sysctl('printk'),
    '/proc/sys/kernel/dmesg_restrict': () => sysctl('dmesg_restrict'),
    '/proc/sys/kernel/watchdog_thresh': () => sysctl('watchdog_thresh'),
    '/proc/sys/kernel/softlockup_panic': () => sysctl('softlockup_panic'),
    '/proc/sys/kernel/printk_devkmsg': () =>
      file(() => `${k.state.sysctl.printk_devkmsg ?? SYSCTL_DEFAULTS.printk_devkmsg}\n`, 0o644, (data) => {
        const value = devkmsgValue(data);
        if (value === undefined) return -EINVAL;
        k.state.sysctl.printk_devkmsg = value;
        return 0;
      }),
  };
  // The nine sysctl directories of 6.1 (23-lab-proc: ls /proc/sys); beyond kernel/ they hold
  // only a few entries whose values this machine knows.
  const dirs = ['/proc', '/proc/sys', ...SYSCTL_DIRS.map((d) => `/proc/sys/${d}`), '/proc/sys/fs/binfmt_misc', '/proc/sys/net/ipv4'];
  return vtree((path) => {
    if (path === '/proc/self') {
      const self = k.processes.current;
      return self ? { kind: 'symlink', mtime: now(), target: String(self.pid), size: 0 } : undefined;
    }
    const pid = /^\/proc\/([1-9][0-9]*)(?:\/(.*))?$/.exec(path);
    if (pid) return procPidNode(k.processes, Number(pid[1]), pid[2] === undefined ? [] : pid[2].split('/'), k.state.bootedAt);
    if (dirs.includes(path)) {
      return {
        kind: 'dir',
        mode: path === '/proc' ? 0o555 : 0o555,
        mtime: now(),
        list: () => {
          const names = new Set<string>();
          for (const p of [...Object.keys(files), ...dirs]) {
            if (p.startsWith(path + '/')) names.add(p.slice(path.length + 1).split('/')[0]);
          }
          return path === '/proc' ? [...procPidNames(k.processes), ...[...names].sort()] : [...names].sort();
        },
      };
    }
    return files[path]?.();
  });
}

/** ls /proc/sys on 6.1 (23-lab-proc). */
const SYSCTL_DIRS = ['abi', 'crypto', 'debug', 'dev', 'fs', 'kernel', 'net', 'user', 'vm'];

/** Writing fewer than four numbers to /proc/sys/kernel/printk changes only those. */
function mergePrintk(current: string, values: string[]): string {
  const cur = current.split('\t');
  values.slice(0, 4).forEach((v, i) => (cur[i] = v));
  return cur.join('\t');
}
