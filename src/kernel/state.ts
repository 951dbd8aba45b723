/**
 * The kernel's part of a scope's persisted state: plain JSON, no class instances.
 * The Kernel class (kernel.ts) wraps one of these and mutates it in place.
 */
import type { LogLevel } from './image';
import type { Json, SourceSpot } from './module-code';

/** One printk record, as /dev/kmsg exposes it (seq, level, facility, timestamp). */
export interface LogRecord {
  seq: number;
  /** Microseconds since boot. */
  usec: number;
  level: LogLevel;
  /** 0 = kern; userspace writes to /dev/kmsg default to 1 (user). */
  facility: number;
  /** The message; a multi-line record (a WARN's continuation) holds "\n". */
  text: string;
  /** Caller prefix such as "hello" is already part of text; this marks records a module's code made. */
  origin?: string;
}

export interface PrintkState {
  /** The seq the next record gets. */
  nextSeq: number;
  /** Oldest-first, bounded like the kernel's log_buf (see printk.ts). */
  records: LogRecord[];
  /** Records with seq < clearSeq are hidden from syslog reads (dmesg -c / -C). */
  clearSeq: number;
  /**
   * Bytes of the text data ring the records take (printk.ts blockSize), kept as records come
   * and go so that appending one does not re-measure the ring; absent: measured on next use.
   */
  used?: number;
}

/** A registered network device, as /sys/class/net/NAME and `ip link` show it. */
export interface Netdev {
  name: string;
  ifindex: number;
  /** Random locally administered MAC (eth_hw_addr_random), "3a:4b:65:26:a0:14". */
  address: string;
  flags: string;
}

export type InitState = 'coming' | 'live' | 'going';

export interface LoadedModule {
  name: string;
  /** ModuleImage.id this module was loaded from. */
  image: string;
  state: InitState;
  /**
   * µs since boot when an exit that a background job runs ends: until then the module is
   * "going" (refcnt -1), as while a real exit sleeps; the foreground's clock has not got there.
   */
  unloadedAt?: number;
  /** Extra references (try_module_get) besides holders, e.g. a filesystem in use. */
  refs: number;
  /** Names of the modules this one uses (their holders include this one). */
  uses: string[];
  /** Per-module taint letters as /sys/module/NAME/taint shows them (e.g. "OE"). */
  taint: string;
  /** Current parameter values as sysfs shows them (arrays comma separated). */
  params: Record<string, string>;
  /** How many array elements were given at load time, per array parameter. */
  paramCounts: Record<string, number>;
  /** Load address, for /proc/modules: its low 32 bits (0xc0410000); the upper half is always 0xffffffff. */
  address: number;
  /** Load order counter; /proc/modules lists newest first. */
  order: number;
  /** Wall-clock ms when it was loaded: the mtime of its /sys/module/NAME files. */
  loadedAt?: number;
  /** Network devices this module registered (absent: none). */
  netdevs?: Netdev[];
  /** A built module's data (its C globals and heap), kept by the code runner between calls. */
  data?: Json;
  /** Loaded with dyndbg=+p: its pr_debug call sites print. */
  dyndbg?: boolean;
  /** Bytes its code kmalloc'd and has not kfree'd (left behind at unload: leaked). */
  allocated?: number;
}

/** A task that never came back from a module's code (a soft lockup): the watchdog reports it. */
export interface StuckTask {
  pid: number;
  comm: string;
  module: string;
  at: SourceSpot;
  /** The length of the last printk before the loop (RAX in the report). */
  rax: number;
  /** When the loop began, µs since boot. */
  since: number;
  /** Watchdog reports made so far. */
  reports: number;
}

export interface KernelState {
  /** Kernel command line (/proc/cmdline). */
  cmdline: string;
  /** Wall-clock time of boot, ms since the epoch (dmesg -T, uptime). */
  bootedAt: number;
  /** Last printk timestamp handed out, so the clock never runs backwards. */
  lastUsec: number;
  /**
   * Milliseconds the machine's clock runs ahead of the wall clock: what `sleep` added.
   * A chat cannot block for the duration, so nanosleep(2) moves this machine's time on.
   */
  sleptMs?: number;
  modules: LoadedModule[];
  /** Kernel taint mask (/proc/sys/kernel/tainted). */
  tainted: number;
  /** Once-per-boot messages already printed (e.g. "oot", "unsigned", "license"). */
  once: string[];
  nextOrder: number;
  nextAddress: number;
  /** The next network interface index (1 is lo). Absent in older states: 2. */
  nextIfindex?: number;
  /** The next PID a process (insmod) gets, for the WARN dumps' "PID:" field. */
  nextPid: number;
  printk: PrintkState;
  /** Oopses and BUG()s so far (die_counter: "[#1]"). */
  dieCounter?: number;
  /** print_modules()'s "[last unloaded: NAME(FLAGS)]". */
  lastUnloaded?: string;
  /** Tasks stuck in a module's endless loop. */
  stuck?: StuckTask[];
  /** Bytes modules kmalloc'd and never freed, over their unloads (/proc/meminfo's Slab grows). */
  leaked?: number;
  /** Values written to /proc/sys/kernel/{printk,dmesg_restrict} etc. */
  sysctl: Record<string, string>;
  /** The node name sethostname(2) set (hostname NAME); absent: the scope's (KernelConfig.hostname). */
  nodename?: string;
}
