/**
 * The simulated Linux 6.1 kernel: module list, symbol resolution, refcounts, params,
 * taint, printk. Wraps a KernelState (plain JSON) and mutates it in place.
 * Semantics follow kernel/module/main.c of 6.1 (load_module, do_init_module,
 * delete_module); every text it produces is a printk line.
 *
 * Public API — used by src/userland (insmod, rmmod, modprobe, lsmod, dmesg …) and
 * src/machine. Keep these signatures stable.
 */
import type { Clock } from '../contracts/clock';
import type { ExportedSymbol, ModuleImage, ParamDef } from './image';
import type { KernelState, LoadedModule, LogRecord } from './state';
import type { FileTree } from './filetree';
import type { ProcessTable } from './process';
import type { LogLevel } from './image';
import type { ModuleRunner } from './module-code';

/** A module built into vmlinux (modules.builtin): /sys/module/NAME exists when it has params or a version. */
export interface BuiltinModule {
  name: string;
  params: ParamDef[];
  version?: string;
}

export interface KernelConfig {
  /** uname -r: "6.1.0-56-amd64" */
  release: string;
  /** uname -v: "#1 SMP PREEMPT_DYNAMIC Debian 6.1.192-2 (2026-11-16)" */
  version: string;
  hostname: string;
  /** The boot log (catalog boot-dmesg), replayed into a fresh ring at boot. */
  bootLog: ReadonlyArray<{ readonly usec: number; readonly level: LogLevel; readonly facility: number; readonly text: string }>;
  builtins: BuiltinModule[];
  /** Symbols vmlinux exports that modules may import; anything a module image imports
   *  that no module exports is taken as a vmlinux export (non-GPL) unless listed here. */
  vmlinuxExports: ExportedSymbol[];
  /** Resolve a ModuleImage by id (catalog, teaching modules, or the scope's own). */
  images: (id: string) => ModuleImage | undefined;
  /**
   * True when some module (not vmlinux) exports SYMBOL: such an import resolves only
   * against loaded modules ("Unknown symbol mod_b_add (err -2)" while mod_b is not loaded).
   * Without it, every import no loaded module exports is taken as a vmlinux export.
   */
  moduleSymbol?: (symbol: string) => boolean;
  /** Runs a built module's C (ModuleImage.code); without it such modules' functions do nothing. */
  runCode?: ModuleRunner;
  /** vmlinux's lines of /proc/kallsyms with their addresses, read when first asked for; without it only modules' symbols are listed. */
  vmlinuxKallsyms?: () => string;
}

/** The calling process, as the kernel sees `current` (capabilities, dump_stack's Comm/PID). */
export interface Task {
  /** Command name, e.g. "insmod" or "modprobe". */
  comm: string;
  /** Effective uid: anything but 0 lacks CAP_SYS_MODULE. */
  uid: number;
  /** When absent the kernel hands out the next PID. */
  pid?: number;
  /** Set by the kernel: the signal the task died of inside the call (an Oops: 9, BUG(): 11). */
  killedBy?: number;
  /** Set by the kernel: the task never comes back (a soft lockup in a module's init). */
  stuck?: boolean;
  /** The task is a background job (`rmmod x &`): the time its call takes is not the shell's. */
  background?: boolean;
}

/** What finit_module() is handed: a file descriptor's content. */
export type ModuleFile =
  | { kind: 'image'; image: ModuleImage }
  /** Any other file: its bytes (as a JS string) — not an ELF module. */
  | { kind: 'bytes'; content: string };

/** delete_module(2) flags. */
export const O_NONBLOCK = 0o4000;
export const O_TRUNC = 0o1000;

/** finit_module(2) flags. */
export const MODULE_INIT_IGNORE_MODVERSIONS = 1;
export const MODULE_INIT_IGNORE_VERMAGIC = 2;

export interface Kernel {
  readonly state: KernelState;
  readonly config: KernelConfig;
  /** Microseconds since boot, from the injected clock (never decreasing). */
  uptimeUsec(): number;
  /** nanosleep(2): the machine's clock moves on by MS without the process blocking. */
  nanosleep(ms: number): void;

  /** finit_module(2): 0 or a negative errno; prints what the real kernel prints. Task defaults to root's insmod. */
  finitModule(file: ModuleFile, params: string, flags: number, task?: Task): number;
  /** delete_module(2): 0 or a negative errno. Task defaults to root's rmmod. */
  deleteModule(name: string, flags: number, task?: Task): number;

  /** Loaded modules, in /proc/modules order (newest first). */
  modules(): LoadedModule[];
  find(name: string): LoadedModule | undefined;
  /** Names of modules using NAME (/sys/module/NAME/holders). */
  holders(name: string): string[];
  /** /sys/module/NAME/refcnt */
  refcnt(name: string): number;

  /** printk from kernel code or a userspace write to /dev/kmsg. */
  printk(level: LogLevel, text: string, facility?: number): LogRecord;
  /** syslog(2) read-all: records not cleared (dmesg). */
  readLog(): LogRecord[];
  /** syslog(2) SYSLOG_ACTION_CLEAR (dmesg -C; dmesg -c after reading). */
  clearLog(): void;

  /** The processes running now (the shell, its children, background jobs): /proc/PID, ps, kill. */
  readonly processes: ProcessTable;

  /** /proc and /sys as file trees. */
  readonly procfs: FileTree;
  readonly sysfs: FileTree;
}
