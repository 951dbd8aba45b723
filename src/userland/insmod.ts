/**
 * insmod, as kmod 30's tools/insmod.c: option table "psfVh" (-p and -s ignored "for
 * compatibility only", -f undocumented), every operand after the file joined with spaces
 * into the module's parameters, then kmod_module_new_from_path() (stat → "could not load
 * module") and kmod_module_insert_module() (libkmod opens the file and reads its
 * compression magic first: a directory is -EISDIR and a file shorter than 6 bytes -EINVAL
 * before the kernel sees it; finit_module for the rest).
 */
import type { Io, System, Tool } from './tool';
import { statFollow } from './files';
import type { LongOption } from './getopt';
import type { ModuleFile, Task } from '../kernel/kernel';
import { getopt } from './getopt';
import { KmodLog, shortName } from './kmod-log';
import { KMOD_VERSION } from './modprobe';
import { pathToModname } from './kmod-module';
import { MAGIC_SIZE_MAX } from './kmod-elf';
import { MODULE_INIT_IGNORE_MODVERSIONS, MODULE_INIT_IGNORE_VERMAGIC } from '../kernel/kernel';
import { EINVAL, EISDIR, ENOENT, ENOEXEC, ESRCH, strerror } from '../kernel/errno';

const SHORTOPTS = 'psfVh';
const LONGOPTS: LongOption[] = [
  { name: 'version', has: 'none', key: 'V' },
  { name: 'help', has: 'none', key: 'h' },
];

function help(prog: string): string {
  return 'Usage:\n' +
    `\t${prog} [options] filename [args]\n` +
    'Options:\n' +
    '\t-V, --version     show version\n' +
    '\t-h, --help        show this help\n';
}


/** insmod's own wording for some errnos; strerror for the rest. */
export function modStrerror(err: number): string {
  switch (err) {
    case ENOEXEC: return 'Invalid module format';
    case ENOENT: return 'Unknown symbol in module';
    case ESRCH: return 'Module has wrong symbol version';
    case EINVAL: return 'Invalid parameters';
    default: return strerror[err] ?? `Unknown error ${err}`;
  }
}

/** kmod_module_insert_module() for a file: 0 or a negative errno. */
function insertModule(sys: System, path: string, force: boolean, options: string, task: Task): number {
  // open(2) follows a symbolic link to the module
  const st = statFollow(sys, path);
  if (typeof st === 'number') return st;
  if (st.type === 'dir') return -EISDIR;
  const content = sys.fs.read(path);
  if (typeof content === 'number') return content;
  const image = st.image !== undefined ? sys.kernel.config.images(st.image) : undefined;
  if (!image && Buffer.byteLength(content, 'latin1') < MAGIC_SIZE_MAX) return -EINVAL;
  const file: ModuleFile = image ? { kind: 'image', image } : { kind: 'bytes', content };
  const flags = force ? MODULE_INIT_IGNORE_MODVERSIONS | MODULE_INIT_IGNORE_VERMAGIC : 0;
  return sys.kernel.finitModule(file, options, flags, task);
}

export function main(argv: string[], io: Io, sys: System): number {
  const prog = shortName(argv[0], 'insmod');
  const log = new KmodLog(prog, io);
  const parsed = getopt(argv, SHORTOPTS, LONGOPTS);
  if (!parsed.ok) {
    io.err(parsed.message);
    return 1;
  }
  let force = false;
  for (const opt of parsed.options) {
    switch (opt.key) {
      case 'p':
      case 's':
        break; // ignored, for compatibility only
      case 'f':
        force = true;
        break;
      case 'h':
        io.out(help(prog));
        return 0;
      case 'V':
        io.out(KMOD_VERSION);
        return 0;
    }
  }
  const [filename, ...args] = parsed.operands;
  if (filename === undefined) {
    log.err('missing filename.\n');
    return 1;
  }
  if (filename === '-') {
    log.err('this tool does not support loading from stdin!\n');
    return 1;
  }
  const path = sys.resolve(filename);
  const st = statFollow(sys, path);
  let err = typeof st === 'number' ? st : 0;
  if (err === 0 && pathToModname(filename) === undefined) err = -ENOENT;
  if (err < 0) {
    log.err(`could not load module ${filename}: ${strerror[-err] ?? `Unknown error ${-err}`}\n`);
    return 1;
  }
  const task: Task = { comm: prog, uid: sys.uid };
  err = insertModule(sys, path, force, args.join(' '), task);
  // The module's init killed insmod (an Oops: SIGKILL, BUG(): SIGSEGV); a task stuck in its
  // endless loop never returns on Linux — here the chat gets its prompt back, as after `&`.
  if (task.killedBy !== undefined) return 128 + task.killedBy;
  if (task.stuck) return 0;
  if (err < 0) {
    log.err(`could not insert module ${filename}: ${modStrerror(-err)}\n`);
    return 1;
  }
  return 0;
}

export const insmod: Tool = { name: 'insmod', main, summary: 'insert a module into the kernel (kmod 30)' };
