/**
 * delete_module(2) of kernel/module/main.c (6.1). Debian builds with
 * CONFIG_MODULE_FORCE_UNLOAD=y (06-noexit: `rmmod -f noexit` unloads and taints R), so
 * O_TRUNC forces past a missing exit function or a non-zero refcount, never past holders.
 */
import type { Task } from './kernel';
import type { Linux } from './linux';
import { O_TRUNC } from './kernel';
import { EBUSY, ENOENT, EPERM, EWOULDBLOCK } from './errno';
import { formatModuleText } from './module-load';
import { TAINT_FORCED_RMMOD } from './taint';

/** try_force_unload(): only with O_TRUNC, and it taints (R, lock debugging off). */
function tryForceUnload(k: Linux, flags: number): boolean {
  const forced = (flags & O_TRUNC) !== 0;
  if (forced) k.addTaint(TAINT_FORCED_RMMOD, true);
  return forced;
}

export function deleteModule(k: Linux, name: string, flags: number, task: Required<Task>): number {
  if (task.uid !== 0) return -EPERM;
  const mod = k.find(name);
  if (!mod) return -ENOENT;
  // Other modules depend on us: get rid of them first.
  if (k.holders(name).length > 0) return -EWOULDBLOCK;
  // Doing init or already dying?
  if (mod.state !== 'live') return -EBUSY;
  const img = k.image(mod);
  // If it has an init func, it must have an exit func to unload
  if (img?.init && !img.exit && !tryForceUnload(k, flags)) return -EBUSY;
  // try_stop_module(): references besides holders block it unless forced
  if (k.refcnt(name) !== 0 && !tryForceUnload(k, flags)) return -EWOULDBLOCK;
  mod.state = 'going';
  if (img?.exit) for (const p of img.exit.printk) k.modulePrintk(mod.name, p.level, formatModuleText(img, mod, p.text));
  k.state.modules = k.state.modules.filter((m) => m !== mod);
  return 0;
}
