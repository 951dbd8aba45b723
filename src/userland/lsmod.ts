/**
 * lsmod, as kmod 30's tools/lsmod.c: no options at all ("Usage: lsmod" for any argument),
 * module names from /proc/modules (newest first), size from /sys/module/NAME/coresize,
 * use count from refcnt and the holders directory in readdir (kernfs) order, laid out
 * with "%-19s %8ld  %d" and " a,b,c".
 *
 * The three sysfs reads per module are answered by the kernel directly, with what those
 * sysfs files show (src/kernel/sysfs.ts: coresize, refcnt, holders in kernfs order): a path
 * walk of /sys/module/NAME/… for each cost ~800 sysfs look-ups for 43 modules, most of an
 * lsmod's ~2.5 ms (issue 9). /sys cannot be changed or unmounted here, so the answer is the
 * same; a name the kernel does not know (none) still goes through sysfs.
 */
import type { Io, System, Tool } from './tool';
import { strerror } from '../kernel/errno';
import { coresize, holders, modnameNormalize, refcnt } from './kmod-module';
import { kernfsOrder } from '../kernel/kernfs';

export function main(argv: string[], io: Io, sys: System): number {
  if (argv.length !== 1) {
    io.err(`Usage: ${argv[0]}\n`);
    return 1;
  }
  const text = sys.fs.read('/proc/modules');
  if (typeof text === 'number') {
    io.err(`Error: could not get list of modules: ${strerror[-text] ?? `Unknown error ${-text}`}\n`);
    return 1;
  }
  let out = 'Module                  Size  Used by\n';
  for (const line of text.split('\n')) {
    const token = line.split(/[ \t]/).find((t) => t !== '');
    if (token === undefined) continue;
    const name = modnameNormalize(token);
    const mod = sys.kernel.find(name);
    const size = mod ? sys.kernel.config.images(mod.image)?.coresize ?? 0 : coresize(sys, name);
    const count = mod ? sys.kernel.refcnt(name) : refcnt(sys, name);
    out += `${name.padEnd(19)} ${String(size).padStart(8)}  ${count}`;
    const users = mod ? kernfsOrder(sys.kernel.holders(name)) : holders(sys, name);
    if (typeof users !== 'number' && users.length > 0) out += ` ${users.join(',')}`;
    out += '\n';
  }
  io.out(out);
  return 0;
}

export const lsmod: Tool = { name: 'lsmod', main, summary: 'show the loaded modules (kmod 30)' };
