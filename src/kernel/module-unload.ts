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
import { moduleTaintLetters, moduleTaintMask, TAINT_FORCED_RMMOD } from './taint';
import { callModule, type CallContext } from './module-exec';

/** try_force_unload(): only with O_TRUNC, and it taints (R, lock debugging off). */
function tryForceUnload(k: Linux, flags: number): boolean {
  const forced = (flags & O_TRUNC) !== 0;
  if (forced) k.addTaint(TAINT_FORCED_RMMOD, true);
  return forced;
}

export function deleteModule(k: Linux, name: string, flags: number, task: Task & { pid: number }): number {
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
  const startUsec = k.uptimeUsec();
  if (img?.exit) for (const p of img.exit.printk) k.modulePrintk(mod.name, p.level, formatModuleText(img, mod, p.text));
  if (img?.code?.exit) {
    const memory = { data: mod.data };
    const ctx: CallContext = { task, fromInit: false, params: { values: mod.params, counts: mod.paramCounts } };
    const outcome = callModule(k, { image: img, module: mod, memory }, img.code.exit, [], ctx);
    if (memory.data !== undefined) mod.data = memory.data;
    // A fault in exit kills rmmod and leaves the module "going" for good.
    if (outcome.kind === 'oops' || outcome.kind === 'bug') {
      task.killedBy = outcome.kind === 'oops' ? 9 : 11;
      return 0;
    }
    if (outcome.kind === 'lockup') {
      (k.state.stuck ??= []).push({ pid: task.pid, comm: task.comm, module: mod.name, at: outcome.at, rax: ctx.rax ?? 0, since: k.uptimeUsec(), reports: 0 });
      task.stuck = true;
      return 0;
    }
  }
  // What exit did not kfree stays allocated, owned by nobody (11f: Slab grows by 1 MiB).
  k.state.leaked = (k.state.leaked ?? 0) + (mod.allocated ?? 0);
  const letters = moduleTaintLetters(moduleTaintMask(mod.taint));
  k.state.lastUnloaded = letters === '' ? mod.name : `${mod.name}(${letters})`;
  // A background job's exit took time of its own: the module is going until then (11e).
  if (task.background && k.uptimeUsec() > startUsec) {
    mod.unloadedAt = k.uptimeUsec();
    return 0;
  }
  k.state.modules = k.state.modules.filter((m) => m !== mod);
  return 0;
}
