/**
 * rmmod, as kmod 30's tools/rmmod.c: options "fsvVwh" (-w is in the short string but has
 * no case: "unexpected getopt_long() value 'w'."), several module names, a name that is an
 * existing file taken as a path ("hello.ko"). Unless -f, check_module_inuse() reads sysfs
 * first (builtin, not loaded, holders, refcnt); then delete_module(O_NONBLOCK [|O_TRUNC]),
 * whose failure libkmod reports with Debian's debug prefix before rmmod's own line.
 * -s sends the messages to syslog (nothing on stderr here).
 */
import type { Io, System, Tool } from './tool';
import type { LongOption } from './getopt';
import { getopt } from './getopt';
import { KmodLog, LOG_ERR, shortName } from './kmod-log';
import { KMOD_VERSION } from './modprobe';
import { holders, initstate, KMOD_MODULE_BUILTIN, modnameNormalize, pathToModname, refcnt } from './kmod-module';
import { O_NONBLOCK, O_TRUNC } from '../kernel/kernel';
import type { Task } from '../kernel/kernel';
import { EBUSY, ENOENT, strerror } from '../kernel/errno';

const SHORTOPTS = 'fsvVwh';
const LONGOPTS: LongOption[] = [
  { name: 'force', has: 'none', key: 'f' },
  { name: 'syslog', has: 'none', key: 's' },
  { name: 'verbose', has: 'none', key: 'v' },
  { name: 'version', has: 'none', key: 'V' },
  { name: 'help', has: 'none', key: 'h' },
];

function help(prog: string): string {
  return 'Usage:\n' +
    `\t${prog} [options] modulename ...\n` +
    'Options:\n' +
    '\t-f, --force       forces a module unload and may crash your\n' +
    '\t                  machine. This requires Forced Module Removal\n' +
    '\t                  option in your kernel. DANGEROUS\n' +
    '\t-s, --syslog      print to syslog, not stderr\n' +
    '\t-v, --verbose     enables more messages\n' +
    '\t-V, --version     show version\n' +
    '\t-h, --help        show this help\n';
}

const errText = (err: number) => strerror[err] ?? `Unknown error ${err}`;

/** check_module_inuse(): 0, or a negative errno after saying why the module cannot go. */
function checkModuleInuse(sys: System, io: Io, log: KmodLog, name: string, fromName: boolean): number {
  const state = initstate(sys, name, fromName);
  if (state === KMOD_MODULE_BUILTIN) {
    log.err(`Module ${name} is builtin.\n`);
    return -ENOENT;
  }
  if (state < 0) {
    log.err(`Module ${name} is not currently loaded\n`);
    return -ENOENT;
  }
  const users = holders(sys, name);
  if (typeof users === 'number') {
    log.lib(LOG_ERR, '../libkmod/libkmod-module.c:1998 kmod_module_get_holders()', `could not open '/sys/module/${name}/holders': ${errText(-users)}\n`);
  } else if (users.length > 0) {
    log.err(`Module ${name} is in use by:`);
    // the names go to stderr with fprintf, even with --syslog
    io.err(users.map((u) => ` ${u}`).join('') + '\n');
    return -EBUSY;
  }
  const ret = refcnt(sys, name);
  if (ret > 0) {
    log.err(`Module ${name} is in use\n`);
    return -EBUSY;
  }
  if (ret === -ENOENT) log.err('Module unloading is not supported\n');
  return ret;
}

export function main(argv: string[], io: Io, sys: System): number {
  const prog = shortName(argv[0], 'rmmod');
  const log = new KmodLog(prog, io);
  const parsed = getopt(argv, SHORTOPTS, LONGOPTS);
  if (!parsed.ok) {
    io.err(parsed.message);
    return 1;
  }
  let force = false;
  let syslog = false;
  let verbose = LOG_ERR;
  for (const opt of parsed.options) {
    switch (opt.key) {
      case 'f': force = true; break;
      case 's': syslog = true; break;
      case 'v': verbose++; break;
      case 'h': io.out(help(prog)); return 0;
      case 'V': io.out(KMOD_VERSION); return 0;
      default:
        log.err(`unexpected getopt_long() value '${opt.key}'.\n`);
        return 1;
    }
  }
  // log_open(use_syslog) and log_setup_kmod_log(ctx, verbose)
  log.priority = syslog ? -1 : verbose;
  if (parsed.operands.length === 0) {
    log.err('missing module name.\n');
    return 1;
  }
  let r = 0;
  for (const arg of parsed.operands) {
    const isFile = typeof sys.fs.stat(sys.resolve(arg)) !== 'number';
    const name = isFile ? pathToModname(arg) : modnameNormalize(arg);
    if (name === undefined) {
      log.err(`could not use module ${arg}: ${errText(ENOENT)}\n`);
      break;
    }
    if (!force && checkModuleInuse(sys, io, log, name, !isFile) < 0) {
      r++;
      continue;
    }
    const flags = O_NONBLOCK | (force ? O_TRUNC : 0);
    const task: Task = { comm: prog, uid: sys.uid };
    const err = sys.kernel.deleteModule(name, flags, task);
    // The module's exit killed rmmod (an Oops, BUG()).
    if (task.killedBy !== undefined) return 128 + task.killedBy;
    if (err < 0) {
      log.lib(LOG_ERR, '../libkmod/libkmod-module.c:856 kmod_module_remove_module()', `could not remove '${name}': ${errText(-err)}\n`);
      log.err(`could not remove module ${arg}: ${errText(-err)}\n`);
      r++;
    }
  }
  return r === 0 ? 0 : 1;
}

export const rmmod: Tool = { name: 'rmmod', main, summary: 'remove a module from the kernel (kmod 30)' };
