/**
 * The simulated kernel: wraps a KernelState (plain JSON) and mutates it in place. The module
 * syscalls live in module-load.ts (finit_module) and module-unload.ts (delete_module);
 * this file holds what they share: the clock and printk, taint, the module list, symbol
 * lookup (kernel/module/main.c find_symbol) and the module area allocator.
 */
import type { Clock } from '../contracts/clock';
import type { ExportedSymbol, LogLevel, ModuleImage } from './image';
import type { Kernel, KernelConfig, ModuleFile, Task } from './kernel';
import type { KernelState, LoadedModule, LogRecord } from './state';
import type { FileTree } from './filetree';
import { logStore, syslogClear, syslogRead } from './printk';
import { loadModule } from './module-load';
import { deleteModule } from './module-unload';
import { createProcfs } from './procfs';
import { createSysfs } from './sysfs';
import { exportOf, isExported } from './symbol-index';
import { LoadedExports, newestFirst } from './loaded-exports';
import { ProcessTable } from './process';
import { SOFTLOCKUP_FIRST_USEC, SOFTLOCKUP_PERIOD_USEC, softLockupReport } from './faults';

/** Where a symbol was found: a loaded module, or vmlinux (owner undefined). */
export interface SymbolOwner {
  owner?: LoadedModule;
  symbol: ExportedSymbol;
}

const GUARD_PAGE = 4096;
/** Soft-lockup reports printed at most at once when much time has passed. */
const WATCHDOG_CATCH_UP = 4;

export class Linux implements Kernel {
  readonly procfs: FileTree;
  readonly sysfs: FileTree;
  readonly processes: ProcessTable;

  constructor(readonly state: KernelState, readonly config: KernelConfig, readonly clock: Clock) {
    this.processes = new ProcessTable(state, () => this.clock() + (this.state.sleptMs ?? 0));
    this.procfs = createProcfs(this);
    this.sysfs = createSysfs(this);
  }

  /** Microseconds since boot by the clock alone. */
  private clockUsec(): number {
    return Math.max(0, Math.round((this.clock() + (this.state.sleptMs ?? 0) - this.state.bootedAt) * 1000));
  }

  nanosleep(ms: number): void {
    const current = this.processes.current;
    const deadline = current?.deadline;
    const now = this.clockUsec() / 1000;
    if (deadline && now + ms >= deadline.at) {
      // timeout(1)'s signal arrives while it sleeps and ends it there
      this.state.sleptMs = (this.state.sleptMs ?? 0) + Math.max(0, deadline.at - now);
      if (current) current.killedBy = deadline.signal;
    } else this.state.sleptMs = (this.state.sleptMs ?? 0) + ms;
    this.watchdog();
  }

  /**
   * wait_event_interruptible() for what never comes (a module whose init never ends): only a
   * signal ends the wait, timeout(1)'s when one is set. Returns whether one did.
   */
  waitForSignal(): boolean {
    const deadline = this.processes.current?.deadline;
    if (!deadline) return false;
    this.nanosleep(Math.max(0, deadline.at - this.clockUsec() / 1000));
    return true;
  }

  /**
   * The soft-lockup reports due by now for tasks stuck in a module's loop: time moves on in
   * `sleep` and between commands, and the watchdog's timer would have fired meanwhile. At
   * most WATCHDOG_CATCH_UP reports at once (older ones would have left the ring anyway).
   */
  watchdog(): void {
    const now = this.clockUsec();
    for (const s of this.state.stuck ?? []) {
      const mod = this.find(s.module);
      if (!mod) continue;
      const due = (n: number): number => s.since + SOFTLOCKUP_FIRST_USEC + n * SOFTLOCKUP_PERIOD_USEC;
      while (due(s.reports + WATCHDOG_CATCH_UP) <= now) s.reports++;
      while (due(s.reports) <= now) {
        s.reports++;
        softLockupReport(this, mod, s, s.at, s.rax, due(s.reports - 1), s.reports);
      }
    }
  }

  uptimeUsec(): number {
    return Math.max(this.clockUsec(), this.state.lastUsec);
  }

  /**
   * The timestamp of a new record: the clock's, but always a little after the previous
   * record (tens of µs, as consecutive printks of one insmod are on a real machine).
   */
  nextStamp(): number {
    const step = 40 + ((this.state.printk.nextSeq * 37) % 160);
    const usec = Math.max(this.clockUsec(), this.state.lastUsec + step);
    this.state.lastUsec = usec;
    return usec;
  }

  printk(level: LogLevel, text: string, facility = 0): LogRecord {
    return logStore(this.state.printk, this.nextStamp(), level, facility, text);
  }

  /** A record of kernel or module code at a given timestamp (several records of one dump share one). */
  printkAt(usec: number, level: LogLevel, text: string, origin?: string): LogRecord {
    return logStore(this.state.printk, usec, level, 0, text, origin);
  }

  /** A record made by a module's own code (its init/exit printk). */
  modulePrintk(module: string, level: LogLevel, text: string): LogRecord {
    return logStore(this.state.printk, this.nextStamp(), level, 0, text, module);
  }

  readLog(): LogRecord[] {
    this.watchdog();
    return syslogRead(this.state.printk);
  }

  clearLog(): void {
    syslogClear(this.state.printk);
  }

  /** Something that happens once per boot (pr_*_once, __debug_locks_off()). */
  once(key: string): boolean {
    if (this.state.once.includes(key)) return false;
    this.state.once.push(key);
    return true;
  }

  /**
   * add_taint(): with LOCKDEP_NOW_UNRELIABLE the first such taint of a boot turns lock
   * debugging off and says so (license, forced load, forced unload); O and E do not.
   */
  addTaint(bit: number, lockdepNowUnreliable: boolean): void {
    if (lockdepNowUnreliable && this.once('debug_locks_off')) this.printk(4, 'Disabling lock debugging due to kernel taint');
    this.state.tainted |= 1 << bit;
  }

  finitModule(file: ModuleFile, params: string, flags: number, task?: Task): number {
    const t = this.task(task, 'insmod');
    const rc = loadModule(this, file, params, flags, t);
    this.died(t);
    return rc;
  }

  deleteModule(name: string, flags: number, task?: Task): number {
    const t = this.task(task, 'rmmod');
    const rc = deleteModule(this, name, flags, t);
    this.died(t);
    return rc;
  }

  /** A task the call killed (an Oops: SIGKILL, BUG(): SIGSEGV) is the process that made it. */
  private died(t: Task): void {
    const current = this.processes.current;
    if (!current || current.pid !== t.pid) return;
    if (t.killedBy !== undefined) current.killedBy = t.killedBy;
    // a signal ended a wait in the call (timeout's): the tool dies without a word
    else if (current.killedBy !== undefined) t.killedBy = current.killedBy;
  }

  /** The caller's task with its PID; the kernel writes what became of it (killedBy, stuck) into it. */
  private task(task: Task | undefined, comm: string): Task & { pid: number } {
    const t = task ?? { comm, uid: 0 };
    // the task a syscall acts for is the process running it
    t.pid ??= this.processes.current?.pid ?? this.processes.allocPid();
    if (this.processes.current?.background) t.background = true;
    return t as Task & { pid: number };
  }

  modules(): LoadedModule[] {
    this.reapUnloaded();
    // A load appends with the next order, so the list is oldest first and reversing it is
    // enough (lsmod asks once per module); only a list in another order is sorted.
    return newestFirst(this.state.modules);
  }

  find(name: string): LoadedModule | undefined {
    this.reapUnloaded();
    return this.state.modules.find((m) => m.name === name);
  }

  /** Modules whose exit (run by a background job) has ended by the clock leave the list. */
  private reapUnloaded(): void {
    if (!this.state.modules.some((m) => m.unloadedAt !== undefined)) return;
    const now = this.clockUsec();
    this.state.modules = this.state.modules.filter((m) => m.unloadedAt === undefined || m.unloadedAt > now);
  }

  image(mod: LoadedModule): ModuleImage | undefined {
    return this.config.images(mod.image);
  }

  /** The modules using NAME, newest first (module_use.source_list: list_add at the head). */
  holders(name: string): string[] {
    return this.modules().filter((m) => m.uses.includes(name)).map((m) => m.name);
  }

  /** module_refcount(): holders, other references, and the initial reference while init runs. */
  refcnt(name: string): number {
    const mod = this.find(name);
    if (!mod) return 0;
    // module_refcount() of a module in delete_module: the initial reference is gone
    if (mod.unloadedAt !== undefined) return -1;
    return this.holders(name).length + mod.refs + (mod.state === 'coming' ? 1 : 0);
  }

  /**
   * find_symbol(): vmlinux's exports, then each module newest first; a GPL-only export is
   * invisible to a caller that may not use it (gplok false).
   */
  findSymbol(name: string, gplok: boolean, exclude?: string): SymbolOwner | undefined {
    const core = exportOf(this.config.vmlinuxExports, name, gplok);
    if (core) return { symbol: core };
    this.reapUnloaded();
    for (const found of this.loadedExports.owners(this.state.modules, name)) {
      if (found.owner.name === exclude || (!gplok && found.symbol.gpl)) continue;
      return found;
    }
    return undefined;
  }

  /** The loaded modules' exports by name (loaded-exports.ts): built when this machine is opened, then kept by each load and unload. */
  readonly loadedExports = new LoadedExports((mod) => this.image(mod));

  /** Whether an import nobody loaded exports is still vmlinux's (see KernelConfig.moduleSymbol). */
  isVmlinuxSymbol(name: string): boolean {
    if (isExported(this.config.vmlinuxExports, name)) return false;
    return !(this.config.moduleSymbol?.(name) ?? false);
  }

  /** First fit in the module area after the others (vmalloc, one guard page after each). */
  allocateAddress(size: number): number {
    const taken = [...this.state.modules].sort((a, b) => a.address - b.address);
    let addr = this.state.nextAddress;
    for (const m of taken) {
      const img = this.image(m);
      const end = m.address + (img?.coresize ?? 4096) + GUARD_PAGE;
      if (addr + size + GUARD_PAGE <= m.address) break;
      if (end > addr) addr = end;
    }
    return addr;
  }
}
