/**
 * The kernel calling into a built module's code: init from do_init_module(), exit from
 * delete_module(), a module_param_cb set function from parse_args() or a sysfs write, an
 * exported function from another module. The code runs through KernelConfig.runCode; its
 * printk, WARN, sleeps and allocations land here, and a fault it ends in is reported as
 * Linux reports it (faults.ts). The caller decides what the outcome means for the module.
 */
import type { ModuleImage, LogLevel } from './image';
import type { Linux } from './linux';
import type { LoadedModule, LogRecord } from './state';
import type { CodeOutcome, Json, ModuleApi } from './module-code';
import { bugReport, pageFaultOops, warnReport } from './faults';
import { paramSet } from './params';
import type { KernelMessage } from './params';

/** The default message level of printk without KERN_* (CONFIG_MESSAGE_LOGLEVEL_DEFAULT=4). */
const DEFAULT_LEVEL: LogLevel = 4;
/** KMALLOC_MAX_SIZE on x86-64 (order-10 pages): larger requests fail. */
export const KMALLOC_MAX_SIZE = 4 << 20;
/** What one module may hold at once: the VM had 1 GiB; beyond this kmalloc answers NULL. */
export const MODULE_ALLOC_MAX = 256 << 20;

/** Where the code's module parameters live while it runs (before the module is listed: parse_args). */
export interface ParamAccess {
  values: Record<string, string>;
  counts: Record<string, number>;
  /** Messages parse_args prints after the call (the set function's own printk goes first). */
  messages?: KernelMessage[];
}

export interface CallContext {
  task: { pid: number; comm: string };
  /** init (do_one_initcall) or exit (delete_module): which kernel frames a report shows. */
  fromInit: boolean;
  params: ParamAccess;
  /** What the code's printk returned last (RAX in a fault report). */
  rax?: number;
}

/** The module a call belongs to, listed or not yet (its data lives in memory). */
export interface Callee {
  image: ModuleImage;
  module: LoadedModule;
  memory: { data?: Json };
}

/** Run FN of a built module; the outcome is reported (Oops, BUG) but not acted on. */
export function callModule(k: Linux, callee: Callee, fn: string, args: Json[], ctx: CallContext, report = true): CodeOutcome {
  const runner = k.config.runCode;
  if (!runner || !callee.image.code) return { kind: 'return', value: 0 };
  const { image, module: mod } = callee;
  let open: LogRecord | undefined;
  const api: ModuleApi = {
    printk: (level, text) => {
      ctx.rax = text.length;
      if (level === 'dyndbg' && !mod.dyndbg) return;
      // KERN_CONT joins the record still open (its text had no newline yet).
      if (level === 'c' && open) {
        open.text += text.replace(/\n$/, '');
        k.state.printk.used = undefined;
      } else {
        const lvl: LogLevel = level === undefined || level === 'c' ? DEFAULT_LEVEL : level === 'dyndbg' ? 7 : level;
        open = k.modulePrintk(mod.name, lvl, text.replace(/\n$/, ''));
      }
      if (text.endsWith('\n')) open = undefined;
    },
    warn: (at) => {
      open = undefined;
      warnReport(k, mod, ctx.task, at, ctx.rax ?? 0, ctx.fromInit);
    },
    sleep: (ms) => k.nanosleep(ms),
    allocate: (bytes) => {
      if (bytes > KMALLOC_MAX_SIZE || (mod.allocated ?? 0) + bytes > MODULE_ALLOC_MAX) return false;
      mod.allocated = (mod.allocated ?? 0) + bytes;
      return true;
    },
    free: (bytes) => {
      mod.allocated = Math.max(0, (mod.allocated ?? 0) - bytes);
    },
    param: (name) => ctx.params.values[name],
    paramCount: (name) => ctx.params.counts[name] ?? 0,
    setParam: (name, text) => {
      const def = image.params.find((p) => p.name === name);
      if (!def) return 0;
      const v = paramSet({ ...def, setter: undefined }, text, ctx.params.values[name] ?? def.default, ctx.params.messages ?? []);
      if (typeof v === 'number') return v;
      ctx.params.values[name] = v.value;
      if (v.count !== undefined) ctx.params.counts[name] = v.count;
      return 0;
    },
    callExport: (symbol, callArgs) => {
      const owner = k.findSymbol(symbol, true)?.owner;
      const img = owner ? k.image(owner) : undefined;
      if (!owner || !img?.code) return { kind: 'return', value: 0 };
      const memory = { data: owner.data };
      // A fault in there is reported once, by the outermost call.
      const outcome = callModule(k, { image: img, module: owner, memory }, symbol, callArgs, { ...ctx, params: { values: owner.params, counts: owner.paramCounts } }, false);
      if (memory.data !== undefined) owner.data = memory.data;
      return outcome;
    },
    readExport: (symbol) => {
      const owner = k.findSymbol(symbol, true)?.owner;
      const img = owner ? k.image(owner) : undefined;
      return owner && img && runner ? runner.read(img, { data: owner.data }, symbol) : undefined;
    },
    writeExport: (symbol, value) => {
      const owner = k.findSymbol(symbol, true)?.owner;
      const img = owner ? k.image(owner) : undefined;
      if (!owner || !img) return;
      const memory = { data: owner.data };
      runner.write(img, memory, symbol, value);
      if (memory.data !== undefined) owner.data = memory.data;
    },
  };
  const outcome = runner.call({ image, memory: callee.memory, function: fn, args, api });
  if (!report) return outcome;
  if (outcome.kind === 'oops') pageFaultOops(k, mod, ctx.task, outcome.at, outcome.address, outcome.fetch ? 'fetch' : outcome.write ? 'write' : 'read', ctx.rax ?? 0, ctx.fromInit);
  else if (outcome.kind === 'bug') bugReport(k, mod, ctx.task, outcome.at, ctx.rax ?? 0, ctx.fromInit);
  return outcome;
}
