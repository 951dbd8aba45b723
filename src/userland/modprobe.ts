/**
 * modprobe, as kmod 30's tools/modprobe.c with libkmod's probe logic
 * (kmod_module_probe_insert_module, __kmod_module_get_probe_list, rmmod_do_module):
 * dependencies and soft dependencies first, options from modprobe.d, aliases, blacklist
 * (aliases only unless -b), install/remove commands, -r removing dependencies that became
 * unused, and every error text of the real tool.
 * install/remove commands run through `/bin/sh -c` (System.exec), as system(3) runs them.
 */
import type { Io, System, Tool } from './tool';
import type { LongOption } from './getopt';
import { getopt } from './getopt';
import { O_NONBLOCK, O_TRUNC, MODULE_INIT_IGNORE_MODVERSIONS, MODULE_INIT_IGNORE_VERMAGIC } from '../kernel/kernel';
import type { ModuleFile, Task } from '../kernel/kernel';
import { EBUSY, EEXIST, EINVAL, ENOENT, EAGAIN, strerror } from '../kernel/errno';
import { MAGIC_SIZE_MAX } from './kmod-elf';
import { KmodCtx, MODULE_DIR, underscores } from './kmod-ctx';
import type { KmodModule } from './kmod-ctx';
import type { ModuleImage } from '../kernel/image';
import { formatCrcLine, moduleSymbols, moduleVersions, openModuleElf, statModulePath } from './kmod-elf';
import { pathToModname } from './kmod-module';
import { MAX_SLEEP_SECONDS } from './sleep';
import { KmodLog, libkmodDefaultLog, LOG_CRIT, LOG_EMERG, LOG_ERR, LOG_INFO, LOG_WARNING, shortName } from './kmod-log';

const SHORTOPTS = 'arw:RibfDcnC:d:S:sqvVh';
const LONGOPTS: LongOption[] = [
  { name: 'all', has: 'none', key: 'a' },
  { name: 'remove', has: 'none', key: 'r' },
  { name: 'remove-dependencies', has: 'none', key: '5' },
  { name: 'remove-holders', has: 'none', key: '5' },
  { name: 'wait', has: 'required', key: 'w' },
  { name: 'resolve-alias', has: 'none', key: 'R' },
  { name: 'first-time', has: 'none', key: '3' },
  { name: 'ignore-install', has: 'none', key: 'i' },
  { name: 'ignore-remove', has: 'none', key: 'i' },
  { name: 'use-blacklist', has: 'none', key: 'b' },
  { name: 'force', has: 'none', key: 'f' },
  { name: 'force-modversion', has: 'none', key: '2' },
  { name: 'force-vermagic', has: 'none', key: '1' },
  { name: 'show-depends', has: 'none', key: 'D' },
  { name: 'showconfig', has: 'none', key: 'c' },
  { name: 'show-config', has: 'none', key: 'c' },
  { name: 'show-modversions', has: 'none', key: '4' },
  { name: 'dump-modversions', has: 'none', key: '4' },
  { name: 'show-exports', has: 'none', key: '6' },
  { name: 'dry-run', has: 'none', key: 'n' },
  { name: 'show', has: 'none', key: 'n' },
  { name: 'config', has: 'required', key: 'C' },
  { name: 'dirname', has: 'required', key: 'd' },
  { name: 'set-version', has: 'required', key: 'S' },
  { name: 'syslog', has: 'none', key: 's' },
  { name: 'quiet', has: 'none', key: 'q' },
  { name: 'verbose', has: 'none', key: 'v' },
  { name: 'version', has: 'none', key: 'V' },
  { name: 'help', has: 'none', key: 'h' },
];

function help(prog: string): string {
  const p = prog;
  return 'Usage:\n' +
    `\t${p} [options] [-i] [-b] modulename\n` +
    `\t${p} [options] -a [-i] [-b] modulename [modulename...]\n` +
    `\t${p} [options] -r [-i] modulename\n` +
    `\t${p} [options] -r -a [-i] modulename [modulename...]\n` +
    `\t${p} [options] -c\n` +
    `\t${p} [options] --dump-modversions filename\n` +
    'Management Options:\n' +
    '\t-a, --all                   Consider every non-argument to\n' +
    '\t                            be a module name to be inserted\n' +
    '\t                            or removed (-r)\n' +
    '\t-r, --remove                Remove modules instead of inserting\n' +
    '\t    --remove-dependencies   Deprecated: use --remove-holders\n' +
    '\t    --remove-holders        Also remove module holders (use together with -r)\n' +
    '\t-w, --wait <MSEC>           When removing a module, wait up to MSEC for\n' +
    "\t                            module's refcount to become 0 so it can be\n" +
    '\t                            removed (use together with -r)\n' +
    '\t    --first-time            Fail if module already inserted or removed\n' +
    '\t-i, --ignore-install        Ignore install commands\n' +
    '\t-i, --ignore-remove         Ignore remove commands\n' +
    '\t-b, --use-blacklist         Apply blacklist to resolved alias.\n' +
    '\t-f, --force                 Force module insertion or removal.\n' +
    '\t                            implies --force-modversions and\n' +
    '\t                            --force-vermagic\n' +
    "\t    --force-modversion      Ignore module's version\n" +
    "\t    --force-vermagic        Ignore module's version magic\n" +
    '\n' +
    'Query Options:\n' +
    '\t-R, --resolve-alias         Only lookup and print alias and exit\n' +
    '\t-D, --show-depends          Only print module dependencies and exit\n' +
    '\t-c, --showconfig            Print out known configuration and exit\n' +
    '\t-c, --show-config           Same as --showconfig\n' +
    '\t    --show-modversions      Dump module symbol version and exit\n' +
    '\t    --dump-modversions      Same as --show-modversions\n' +
    '\t    --show-exports          Only print module exported symbol versions and exit\n' +
    '\n' +
    'General Options:\n' +
    '\t-n, --dry-run               Do not execute operations, just print out\n' +
    '\t-n, --show                  Same as --dry-run\n' +
    '\t-C, --config=FILE           Use FILE instead of default search paths\n' +
    '\t-d, --dirname=DIR           Use DIR as filesystem root for /lib/modules\n' +
    '\t-S, --set-version=VERSION   Use VERSION instead of `uname -r`\n' +
    '\t-s, --syslog                print to syslog, not stderr\n' +
    '\t-q, --quiet                 disable messages\n' +
    '\t-v, --verbose               enables more messages\n' +
    '\t-V, --version               show version\n' +
    '\t-h, --help                  show this help\n';
}

export const KMOD_VERSION = 'kmod version 30\n+ZSTD +XZ -ZLIB +LIBCRYPTO -EXPERIMENTAL\n';

/** Thrown by a FATAL log line: log_printf() exits there. */
class Fatal {
  constructor(readonly status: number) {}
}

interface Opts {
  all: boolean;
  remove: boolean;
  removeHolders: boolean;
  waitMsec: number;
  lookupOnly: boolean;
  firstTime: boolean;
  ignoreCommands: boolean;
  useBlacklist: boolean;
  force: boolean;
  stripModversion: boolean;
  stripVermagic: boolean;
  ignoreLoaded: boolean;
  dryRun: boolean;
  doShow: boolean;
  showConfig: boolean;
  showModversions: boolean;
  showExports: boolean;
  configPaths?: string[];
  root?: string;
  kversion?: string;
  verbose: number;
  /** modprobe.c's own log_priority for LOG(): FATAL, or WARNING with -a. */
  logPriority: number;
}

class Modprobe {
  readonly visited = new Set<string>();
  readonly required = new Set<string>();

  constructor(
    readonly sys: System,
    readonly io: Io,
    readonly o: Opts,
    readonly log: KmodLog,
    readonly ctx: KmodCtx,
  ) {}

  /** modprobe.c LOG(): at FATAL, log_printf exits. */
  LOG(message: string): void {
    const printed = this.log.printf(this.o.logPriority, message);
    if (printed && this.o.logPriority <= LOG_CRIT) throw new Fatal(1);
  }

  show(text: string): void {
    if (!this.o.doShow && this.o.verbose <= LOG_WARNING) return;
    this.io.out(text);
  }

  isLoaded(mod: KmodModule): boolean {
    return mod.builtin === true || this.sys.kernel.find(mod.name) !== undefined;
  }

  /** kmod_module_get_initstate(): 'builtin', the kernel's state, or undefined (not loaded). */
  initstate(mod: KmodModule): string | undefined {
    const loaded = this.sys.kernel.find(mod.name);
    if (loaded) return loaded.state;
    if (mod.builtin || this.ctx.isBuiltin(mod.name)) return 'builtin';
    return undefined;
  }

  // ---- insertion -------------------------------------------------------------------------

  /** __kmod_module_get_probe_list() */
  probeList(mod: KmodModule, required: boolean, ignorecmd: boolean, list: KmodModule[]): void {
    if (this.visited.has(mod.name)) return;
    this.visited.add(mod.name);
    const deps = this.ctx.dependencies(mod);
    if (required) {
      this.required.add(mod.name);
      for (const d of deps) this.required.add(d.name);
    }
    for (const d of deps) this.fillSoftdep(d, list);
    if (ignorecmd) {
      list.push(mod);
      this.ignorecmd.add(mod.name);
    } else this.fillSoftdep(mod, list);
  }

  readonly ignorecmd = new Set<string>();

  fillSoftdep(mod: KmodModule, list: KmodModule[]): void {
    const { pre, post } = this.o.ignoreCommands ? { pre: [], post: [] } : this.ctx.softdeps(mod.name);
    for (const m of pre) this.probeList(m, false, false, list);
    list.push(mod);
    if (pre.length > 0 || post.length > 0) this.ignorecmd.add(mod.name);
    for (const m of post) this.probeList(m, false, false, list);
  }

  printAction(m: KmodModule, install: boolean, options: string): void {
    if (install) {
      this.io.out(`install ${this.ctx.installCommand(m.name)} ${options}\n`);
      return;
    }
    if (m.path === undefined) {
      if (this.initstate(m) === 'builtin') this.io.out(`builtin ${m.name}\n`);
    } else this.io.out(`insmod ${m.path} ${options}\n`);
  }

  /** kmod_module_probe_insert_module() */
  probeInsert(mod: KmodModule, extraOptions: string | undefined): number {
    const showActions = this.o.doShow || this.o.verbose > LOG_WARNING;
    if (!this.o.ignoreLoaded && this.isLoaded(mod)) return this.o.firstTime ? -EEXIST : 0;
    if ((mod.alias !== undefined || this.o.useBlacklist) && this.ctx.isBlacklisted(mod.name)) return 1;
    const list: KmodModule[] = [];
    this.probeList(mod, true, this.o.ignoreCommands, list);
    let err = 0;
    for (const m of list) {
      if (!this.o.ignoreLoaded && this.isLoaded(m)) {
        err = -EEXIST;
      } else {
        // module_options_concat(): config options, a space, then the command line's
        const moptions = this.ctx.options(m.name, m.alias);
        const xopt = m === mod ? extraOptions ?? '' : '';
        const options = moptions !== '' ? `${moptions} ${xopt}` : xopt;
        const cmd = this.o.ignoreCommands ? undefined : this.ctx.installCommand(m.name);
        if (cmd !== undefined && !this.ignorecmd.has(m.name)) {
          if (showActions) this.printAction(m, true, options);
          if (!this.o.dryRun) err = this.runInstall(m, cmd, options);
        } else {
          if (showActions) this.printAction(m, false, options);
          if (!this.o.dryRun) err = this.insertModule(m, options);
        }
      }
      if (err === -EEXIST && m === mod && this.o.firstTime) break;
      if (err === -EEXIST || !this.required.has(m.name)) err = 0;
      else if (err < 0) break;
    }
    return err;
  }

  /** kmod_module_insert_module(): finit_module with the file's image. */
  insertModule(m: KmodModule, options: string): number {
    if (m.path === undefined) return -ENOENT;
    const st = this.sys.fs.stat(m.path);
    const content = this.sys.fs.read(m.path);
    if (typeof st === 'number') return this.insertFailed(m, st);
    if (typeof content === 'number') return this.insertFailed(m, content);
    const image = st.image !== undefined ? this.sys.kernel.config.images(st.image) : undefined;
    // kmod_file_open reads the compression magic first: a shorter file never reaches the kernel.
    if (!image && Buffer.byteLength(content, 'latin1') < MAGIC_SIZE_MAX) return this.insertFailed(m, -EINVAL);
    const file: ModuleFile = image ? { kind: 'image', image } : { kind: 'bytes', content };
    let flags = 0;
    if (this.o.stripModversion || this.o.force) flags |= MODULE_INIT_IGNORE_MODVERSIONS;
    if (this.o.stripVermagic || this.o.force) flags |= MODULE_INIT_IGNORE_VERMAGIC;
    const task: Task = { comm: 'modprobe', uid: this.sys.uid };
    const err = this.sys.kernel.finitModule(file, options, flags, task);
    // The module's init killed us (an Oops, BUG()): nothing more is printed.
    if (task.killedBy !== undefined) throw new Fatal(128 + task.killedBy);
    return err < 0 ? this.insertFailed(m, err) : err;
  }

  insertFailed(m: KmodModule, err: number): number {
    this.log.lib(LOG_INFO, '../libkmod/libkmod-module.c:949 kmod_module_insert_module()', `Failed to insert module '${m.path}': ${strerror[-err] ?? `Unknown error ${-err}`}\n`);
    return err;
  }

  /** system(3) of an install/remove command: `/bin/sh -c LINE` (System.exec), its exit status. */
  system(line: string): number {
    const status = this.sys.exec(['/bin/sh', '-c', line], this.io);
    // system(3) reports a shell that could not run as 127.
    return status < 0 ? 127 : status;
  }

  /** libkmod-module.c command_do(): an install command; a failure is -EINVAL. */
  runInstall(m: KmodModule, cmd: string, options: string): number {
    const status = this.system(cmd.replace(/\$CMDLINE_OPTS/g, options));
    if (status !== 0) {
      this.log.lib(LOG_ERR, '../libkmod/libkmod-module.c:1047 command_do()', `Error running install command '${cmd}' for module ${m.name}: retcode ${status}\n`);
      return -EINVAL;
    }
    return 0;
  }

  insmod(alias: string, extraOptions: string | undefined): number {
    const list = this.ctx.lookup(alias);
    if (list.length === 0) {
      this.LOG(`Module ${alias} not found in directory ${this.ctx.dirname}\n`);
      return -ENOENT;
    }
    let err = 0;
    for (const mod of list) {
      if (this.o.lookupOnly) this.io.out(`${mod.name}\n`);
      else err = this.probeInsert(mod, extraOptions);
      if (err >= 0) err = 0;
      else if (err === -EEXIST) this.log.err(`could not insert '${mod.name}': Module already in kernel\n`);
      else if (err === -ENOENT) this.log.err(`could not insert '${mod.name}': Unknown symbol in module, or unknown parameter (see dmesg)\n`);
      else this.log.err(`could not insert '${mod.name}': ${strerror[-err] ?? `Unknown error ${-err}`}\n`);
    }
    return err;
  }

  // ---- removal ---------------------------------------------------------------------------

  /** rmmod_do_remove_module() */
  removeModule(mod: KmodModule): number {
    this.show(`rmmod ${mod.name}\n`);
    if (this.o.dryRun) return 0;
    let flags = O_NONBLOCK;
    if (this.o.force) flags |= O_TRUNC;
    const task: Task = { comm: 'modprobe', uid: this.sys.uid };
    let err = this.sys.kernel.deleteModule(mod.name, flags, task);
    if (task.killedBy !== undefined) throw new Fatal(128 + task.killedBy);
    // KMOD_REMOVE_NOLOG with -w: libkmod stays quiet, the tool words the failure below
    if (err < 0 && !this.o.waitMsec) {
      this.log.lib(LOG_ERR, '../libkmod/libkmod-module.c:856 kmod_module_remove_module()', `could not remove '${mod.name}': ${strerror[-err]}\n`);
    }
    if (err === -EEXIST) {
      if (!this.o.firstTime) err = 0;
      else this.LOG(`Module ${mod.name} is not in kernel.\n`);
    } else if (err === -EAGAIN && this.o.waitMsec) {
      // Nothing else runs while this command does, so no retry can succeed: the machine
      // sleeps through kmod 30's whole backoff, which ends with err = 0 (waitBackoff).
      this.sys.kernel.nanosleep(waitBackoff(this.o.waitMsec));
      err = 0;
    }
    if (err < 0 && this.o.waitMsec) this.log.err(`could not remove '${mod.name}': ${strerror[-err]}\n`);
    return err;
  }

  removeList(list: KmodModule[], stopOnErrors: boolean): number {
    for (const m of [...list].reverse()) {
      const r = this.rmmodModule(m, true, false);
      if (r < 0 && stopOnErrors) return r;
    }
    return 0;
  }

  /** rmmod_do_module() */
  rmmodModule(mod: KmodModule, ignoreBuiltin: boolean, removeHolders: boolean): number {
    let pre: KmodModule[] = [];
    let post: KmodModule[] = [];
    let cmd: string | undefined;
    if (!this.o.ignoreCommands) {
      ({ pre, post } = this.ctx.softdeps(mod.name));
      cmd = this.ctx.removeCommand(mod.name);
    }
    if (cmd === undefined && !this.o.ignoreLoaded) {
      const state = this.initstate(mod);
      if (state === undefined) {
        if (this.o.firstTime) {
          this.LOG(`Module ${mod.name} is not in kernel.\n`);
          return -ENOENT;
        }
        return 0;
      }
      if (state === 'builtin') {
        if (ignoreBuiltin) return 0;
        this.LOG(`Module ${mod.name} is builtin.\n`);
        return -ENOENT;
      }
    }
    this.removeList(post, false);
    if (removeHolders) {
      const holders = this.sys.kernel.holders(mod.name).map((h) => this.ctx.module(h));
      const err = this.removeList(holders, true);
      if (err < 0) return err;
    }
    if (cmd === undefined && !this.o.ignoreLoaded && !this.o.waitMsec) {
      if (this.sys.kernel.refcnt(mod.name) > 0) {
        this.LOG(`Module ${mod.name} is in use.\n`);
        return -EBUSY;
      }
    }
    const err = cmd === undefined ? this.removeModule(mod) : this.runRemove(mod, cmd);
    if (err < 0) return err;
    if (cmd === undefined) {
      for (const dep of this.ctx.dependencies(mod)) {
        if (this.sys.kernel.find(dep.name) && this.sys.kernel.refcnt(dep.name) === 0) this.removeModule(dep);
      }
    }
    this.removeList(pre, false);
    return 0;
  }

  /**
   * modprobe.c's own command_do() for a remove command: $CMDLINE_OPTS becomes "", a failure
   * is LOG()ged (12-kmod-corners: "modprobe: FATAL: Error running remove command for dummy")
   * and returned as -status.
   */
  runRemove(mod: KmodModule, cmd: string): number {
    const line = cmd.replace(/\$CMDLINE_OPTS/g, '');
    this.show(`remove ${line}\n`);
    if (this.o.dryRun) return 0;
    const status = this.system(line);
    if (status !== 0) {
      this.LOG(`Error running remove command for ${mod.name}\n`);
      return -status;
    }
    return 0;
  }

  rmmod(alias: string): number {
    const list = this.ctx.lookup(alias);
    if (list.length === 0) {
      this.LOG(`Module ${alias} not found.\n`);
      return -ENOENT;
    }
    let err = 0;
    for (const mod of list) {
      err = this.rmmodModule(mod, false, this.o.removeHolders);
      if (err < 0) break;
    }
    return err;
  }

  // ---- --dump-modversions, --show-exports ----------------------------------------------

  /**
   * show_modversions() / show_exports(): FILENAME is a path (a module name is "not found"),
   * its __versions or exported CRCs as "0x%08x\tSYMBOL" lines.
   */
  showCrcs(filename: string, what: string, read: (image: ModuleImage) => Array<[number, string]> | number): number {
    let err = statModulePath(this.sys, filename);
    // path_to_modname() finds no name in "dir/"
    if (err === 0 && pathToModname(filename) === undefined) err = -ENOENT;
    if (err < 0) {
      this.LOG(`Module ${filename} not found.\n`);
      return err;
    }
    const file = openModuleElf(this.sys, filename);
    const list = !file.ok ? -file.errno : file.image ? read(file.image) : -ENOENT;
    if (typeof list === 'number') {
      this.LOG(`could not get ${what} of ${filename}: ${strerror[-list] ?? `Unknown error ${-list}`}\n`);
      return list;
    }
    this.io.out(list.map(formatCrcLine).join(''));
    return 0;
  }

  // ---- -c --------------------------------------------------------------------------------

  showConfig(): number {
    const c = this.ctx.config;
    let out = '';
    for (const b of c.blacklists) out += `blacklist ${b}\n`;
    for (const [n, v] of c.installs) out += `install ${n} ${v}\n`;
    for (const [n, v] of c.removes) out += `remove ${n} ${v}\n`;
    for (const [n, v] of c.aliases) out += `alias ${n} ${v}\n`;
    for (const [n, v] of c.options) out += `options ${n} ${v}\n`;
    // softdep_to_char() glues "post: " right after the pre list
    for (const s of c.softdeps) out += `softdep ${s.name} ${s.pre.length ? 'pre: ' + s.pre.join(' ') : ''}${s.post.length ? 'post: ' + s.post.join(' ') : ''}\n`;
    out += '\n# End of configuration files. Dumping indexes now:\n\n';
    out += this.dumpIndex('modules.alias') + this.dumpIndex('modules.symbols');
    this.io.out(out);
    return 0;
  }

  /** kmod_dump_index(): the .bin index walked in key order, "alias KEY MODULE". */
  dumpIndex(file: string): string {
    const text = this.sys.fs.read(`${this.ctx.dirname}/${file}`);
    if (typeof text !== 'string') return '';
    const entries: Array<[string, string, number]> = [];
    text.split('\n').forEach((line, i) => {
      const m = /^alias (\S+) (\S+)$/.exec(line);
      if (m) entries.push([underscores(m[1]), m[2], i]);
    });
    entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[2] - b[2]));
    return entries.map(([k, v]) => `alias ${k} ${v}\n`).join('');
  }
}

/**
 * How long kmod 30's rmmod_do_remove_module() sleeps retrying an -EAGAIN removal, in ms.
 * get_backoff_delta_msec() doubles the step, halving it while it would pass the deadline; on
 * a clock that wakes exactly when asked the last wake lands on the deadline, the step halves
 * to 0, the loop ends, and err holds sleep_until_msec()'s 0: the module stays and modprobe
 * exits 0 in silence (25-kmod-options: `modprobe -r -w 500 mod_b` while mod_a holds it).
 * On a real clock a wake that overshoots the deadline makes `while (t + *delta > tend)` spin
 * forever (25-kmod-options: `--wait=500` killed after 120 s); kmod 31 fixed both.
 * Long waits stop at MAX_WAIT_MSEC, as sleep(1) stops at its own bound.
 */
export function waitBackoff(waitMsec: number): number {
  const tend = Math.min(waitMsec, MAX_WAIT_MSEC);
  let t = 0;
  let delta = 1;
  // each turn either doubles toward the deadline or halves into it: ~2·log2(tend) turns
  for (let turn = 0; turn < 256; turn++) {
    delta *= 2;
    while (delta > 0 && t + delta > tend) delta = Math.floor(delta / 2);
    if (delta === 0) return t;
    t += delta;
  }
  return t;
}

/**
 * strtoul(S, &end, 0) where the whole of S must be the number (`!*optarg || *endptr` is an
 * error): blanks, a sign (a '-' wraps around: a huge wait), 0x hex or 0 octal.
 */
export function strtoulWhole(s: string): number | undefined {
  const m = /^[ \t\n\v\f\r]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return undefined;
  const digits = m[2];
  const value = /^0[xX]/.test(digits) ? BigInt(digits) : digits.length > 1 && digits.startsWith('0') ? BigInt(`0o${digits.slice(1)}`) : BigInt(digits);
  const ULONG_MAX = (1n << 64n) - 1n;
  const clamped = value > ULONG_MAX ? ULONG_MAX : value;
  return Number(m[1] === '-' && clamped !== 0n ? ULONG_MAX + 1n - clamped : clamped);
}

/** The longest -w wait simulated (a day, as sleep's MAX_SLEEP_SECONDS). */
const MAX_WAIT_MSEC = MAX_SLEEP_SECONDS * 1000;

/** options_from_array(): module arguments joined, values with spaces quoted. */
function optionsFromArray(args: string[]): string {
  return args.slice(1).map((a) => {
    const eq = a.indexOf('=');
    if (eq < 0) return a;
    const value = a.slice(eq + 1);
    if (value.startsWith('"') || value.startsWith("'") || !value.includes(' ')) return a;
    return `${a.slice(0, eq + 1)}"${value}"`;
  }).join(' ');
}

export function main(argv: string[], io: Io, sys: System): number {
  const prog = shortName(argv[0], 'modprobe');
  const log = new KmodLog(prog, io);
  const parsed = getopt([prog, ...argv.slice(1)], SHORTOPTS, LONGOPTS);
  if (!parsed.ok) {
    io.err(parsed.message);
    return 1;
  }
  const o: Opts = {
    all: false, remove: false, removeHolders: false, waitMsec: 0, lookupOnly: false, firstTime: false, ignoreCommands: false,
    useBlacklist: false, force: false, stripModversion: false, stripVermagic: false, ignoreLoaded: false, dryRun: false,
    doShow: false, showConfig: false, showModversions: false, showExports: false, verbose: LOG_WARNING, logPriority: LOG_CRIT,
  };
  for (const { key, arg } of parsed.options) {
    switch (key) {
      case 'a': o.logPriority = LOG_WARNING; o.all = true; break;
      case 'r': o.remove = true; break;
      case '5': o.removeHolders = true; break;
      case 'w': {
        const v = arg ?? '';
        const n = strtoulWhole(v);
        if (n === undefined) {
          log.err(`unexpected wait value '${v}'.\n`);
          return 1;
        }
        o.waitMsec = n;
        break;
      }
      case '3': o.firstTime = true; break;
      case 'i': o.ignoreCommands = true; break;
      case 'b': o.useBlacklist = true; break;
      case 'f': o.force = true; break;
      case '2': o.stripModversion = true; break;
      case '1': o.stripVermagic = true; break;
      case 'D': o.ignoreLoaded = true; o.dryRun = true; o.doShow = true; break;
      case 'R': o.lookupOnly = true; break;
      case 'c': o.showConfig = true; break;
      case '4': o.showModversions = true; break;
      case '6': o.showExports = true; break;
      case 'n': o.dryRun = true; break;
      case 'C': (o.configPaths ??= []).push(sys.resolve(arg ?? '')); break;
      case 'd': o.root = arg; break;
      case 'S': o.kversion = arg; break;
      case 's': break;
      case 'q': o.verbose = LOG_EMERG; break;
      case 'v': o.verbose++; break;
      case 'V': io.out(KMOD_VERSION); return 0;
      case 'h': io.out(help(prog)); return 0;
    }
  }
  const args = parsed.operands;
  if (!o.showConfig && args.length === 0) {
    log.err('missing parameters. See -h.\n');
    return 1;
  }
  const release = sys.kernel.config.release;
  const dirname = o.root !== undefined || o.kversion !== undefined
    ? `${o.root ?? ''}${MODULE_DIR}/${o.kversion ?? release}`
    : `${MODULE_DIR}/${release}`;
  log.priority = o.verbose;
  const ctx = new KmodCtx(sys, o.root !== undefined ? sys.resolve(dirname) : dirname, libkmodDefaultLog(io), o.configPaths);
  // log_setup_kmod_log() → kmod_set_log_fn(), which says so at INFO (-vv, 12b-kmod-config);
  // the address of log_kmod() and of the context change with every run (ASLR)
  log.lib(LOG_INFO, '../libkmod/libkmod.c:367 kmod_set_log_fn()', `custom logging function ${LOG_KMOD_ADDRESS} registered\n`);
  // from here libkmod's messages go through modprobe's log: "modprobe: ERROR: file:line fn() …"
  ctx.log = (prio, fileLine, fn, message) => log.lib(prio, `${fileLine} ${fn}()`, message);
  const mp = new Modprobe(sys, io, o, log, ctx);
  let err: number;
  try {
    if (o.showConfig) err = mp.showConfig();
    else if (o.showModversions) err = mp.showCrcs(args[0], 'modversions', moduleVersions);
    else if (o.showExports) err = mp.showCrcs(args[0], 'symbols', moduleSymbols); else if (o.remove) {
      err = 0;
      for (const a of args) {
        const r = mp.rmmod(a);
        if (r < 0) err = r;
      }
    } else if (o.all) {
      err = 0;
      for (const a of args) {
        const r = mp.insmod(a, undefined);
        if (r < 0) err = r;
      }
    } else {
      err = mp.insmod(args[0], optionsFromArray(args));
    }
  } catch (e) {
    // a FATAL log_printf() exits before kmod_unref()
    if (e instanceof Fatal) return e.status;
    throw e;
  }
  log.lib(LOG_INFO, '../libkmod/libkmod.c:334 kmod_unref()', `context ${KMOD_CTX_ADDRESS} released\n`);
  return err >= 0 ? 0 : 1;
}

/** %p of log_kmod() and of the kmod_ctx as one oracle run printed them (they vary per run). */
const LOG_KMOD_ADDRESS = '0x5569e1db0d70';
const KMOD_CTX_ADDRESS = '0x556a0c665420';

export const modprobe: Tool = { name: 'modprobe', main, summary: 'add and remove modules from the Linux kernel' };
