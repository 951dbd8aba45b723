/**
 * depmod, as kmod 30's tools/depmod.c: scans /lib/modules/RELEASE for .ko files and writes
 * modules.dep, modules.alias, modules.softdep, modules.symbols, modules.devname (+ the .bin
 * indexes). The computation is depmod's own (src/modules/depmod-index.ts); writing goes
 * through System.depmod(), which re-indexes the disk. -n prints the text files to stdout in
 * depmod_output() order (the .bin ones write nothing to stdout).
 */
import type { Io, System, Tool } from './tool';
import type { LongOption } from './getopt';
import { getopt } from './getopt';
import type { ModuleImage } from '../kernel/image';
import { runDepmod } from '../modules/depmod-index';
import { INDEX_BIN_HEAD } from '../modules/disk';
import type { IndexedModule } from '../modules/depmod-index';
import { EISDIR, strerror } from '../kernel/errno';
import { notModuleErrno } from './kmod-elf';
import { KmodLog, LOG_CRIT, LOG_WARNING, shortName } from './kmod-log';
import { KMOD_VERSION } from './modprobe';
import { MODULE_DIR } from './kmod-ctx';

const SHORTOPTS = 'aAb:C:E:F:euqrvnP:wmVh';
const LONGOPTS: LongOption[] = [
  { name: 'all', has: 'none', key: 'a' },
  { name: 'quick', has: 'none', key: 'A' },
  { name: 'basedir', has: 'required', key: 'b' },
  { name: 'config', has: 'required', key: 'C' },
  { name: 'symvers', has: 'required', key: 'E' },
  { name: 'filesyms', has: 'required', key: 'F' },
  { name: 'errsyms', has: 'none', key: 'e' },
  { name: 'unresolved-error', has: 'none', key: 'u' },
  { name: 'quiet', has: 'none', key: 'q' },
  { name: 'root', has: 'none', key: 'r' },
  { name: 'verbose', has: 'none', key: 'v' },
  { name: 'show', has: 'none', key: 'n' },
  { name: 'dry-run', has: 'none', key: 'n' },
  { name: 'symbol-prefix', has: 'required', key: 'P' },
  { name: 'warn', has: 'none', key: 'w' },
  { name: 'map', has: 'none', key: 'm' },
  { name: 'version', has: 'none', key: 'V' },
  { name: 'help', has: 'none', key: 'h' },
];

function help(prog: string): string {
  return 'Usage:\n' +
    `\t${prog} -[aA] [options] [forced_version]\n` +
    '\n' +
    'If no arguments (except options) are given, "depmod -a" is assumed\n' +
    '\n' +
    'depmod will output a dependency list suitable for the modprobe utility.\n' +
    '\n' +
    'Options:\n' +
    '\t-a, --all            Probe all modules\n' +
    "\t-A, --quick          Only does the work if there's a new module\n" +
    '\t-e, --errsyms        Report not supplied symbols\n' +
    '\t-n, --show           Write the dependency file on stdout only\n' +
    '\t-P, --symbol-prefix  Architecture symbol prefix\n' +
    '\t-C, --config=PATH    Read configuration from PATH\n' +
    '\t-v, --verbose        Enable verbose mode\n' +
    '\t-w, --warn           Warn on duplicates\n' +
    '\t-V, --version        show version\n' +
    '\t-h, --help           show this help\n' +
    '\n' +
    'The following options are useful for people managing distributions:\n' +
    '\t-b, --basedir=DIR    Use an image of a module tree.\n' +
    '\t-F, --filesyms=FILE  Use the file instead of the\n' +
    '\t                     current kernel symbols.\n' +
    '\t-E, --symvers=FILE   Use Module.symvers file to check\n' +
    '\t                     symbol versions.\n';
}

/** depmod.c is_version_number(): "%u.%u" at the start. */
function isVersionNumber(s: string): boolean {
  return /^\d+\.\d+/.test(s);
}

/** depmod_modules_search(): every regular *.ko under dirname (build/ and source/ skipped at the top). */
function searchModules(sys: System, dirname: string, log: KmodLog): IndexedModule[] | number {
  const top = sys.fs.list(dirname);
  if (typeof top === 'number') {
    log.err(`could not open directory ${dirname}: ${strerror[-top]}\n`);
    return top;
  }
  const out: IndexedModule[] = [];
  const walk = (dir: string, rel: string, names: string[]) => {
    for (const name of names) {
      if (rel === '' && (name === 'build' || name === 'source')) continue;
      const path = `${dir}/${name}`;
      const st = sys.fs.stat(path);
      if (typeof st === 'number') continue;
      if (st.type === 'dir') {
        const sub = sys.fs.list(path);
        if (typeof sub !== 'number') walk(path, `${rel}${name}/`, sub);
      } else if (st.type === 'file' && name.endsWith('.ko')) {
        const image: ModuleImage | undefined = st.image !== undefined ? sys.kernel.config.images(st.image) : undefined;
        // A file that holds no module is still a module of the tree (its symbols fail to load).
        out.push(image ? { relpath: `${rel}${name}`, image } : { relpath: `${rel}${name}` });
      }
    }
  };
  walk(dirname, '', top);
  return out;
}

export function main(argv: string[], io: Io, sys: System): number {
  const prog = shortName(argv[0], 'depmod');
  const log = new KmodLog(prog, io);
  const parsed = getopt([prog, ...argv.slice(1)], SHORTOPTS, LONGOPTS);
  if (!parsed.ok) {
    io.err(parsed.message);
    return 1;
  }
  let root: string | undefined;
  let show = false;
  let quick = false;
  for (const { key, arg, spelled } of parsed.options) {
    switch (key) {
      case 'A': quick = true; break;
      case 'b': root = arg; break;
      case 'n': show = true; break;
      case 'P':
        if ((arg ?? '').length !== 1) {
          log.printf(LOG_CRIT, '-P only takes a single char\n');
          return 1;
        }
        break;
      case 'u': case 'q': case 'r': case 'm':
        log.printf(LOG_WARNING, spelled.startsWith('--') ? `Ignored deprecated option ${spelled}\n` : `Ignored deprecated option -${key}\n`);
        break;
      case 'h': io.out(help(prog)); return 0;
      case 'V': io.out(KMOD_VERSION); return 0;
    }
  }
  const operands = parsed.operands;
  let kversion = sys.kernel.config.release;
  if (operands.length > 0) {
    if (!isVersionNumber(operands[0])) {
      log.err(`Bad version passed ${operands[0]}\n`);
      return 1;
    }
    kversion = operands[0];
  }
  const rootDir = root === undefined ? '' : sys.resolve(root);
  const dirname = `${rootDir === '/' ? '' : rootDir}${MODULE_DIR}/${kversion}`;
  const isLive = dirname === `${MODULE_DIR}/${sys.kernel.config.release}`;
  if (quick && show) return 0;
  if (operands.length > 1) {
    for (const path of operands.slice(1)) {
      if (!path.startsWith('/')) {
        log.printf(LOG_CRIT, `${path}: not absolute path.\n`);
        return 1;
      }
    }
  }
  const found = searchModules(sys, dirname, log);
  if (typeof found === 'number') {
    log.printf(LOG_CRIT, `could not search modules: ${strerror[-found]}\n`);
    return 1;
  }
  // depmod_modules_sort(), depmod_load_modules(), then the output files, in that order.
  const orderText = readWarning(sys, log, dirname, 'modules.order');
  const order = orderText === undefined ? [] : orderText.split('\n').slice(0, -1);
  const out = runDepmod(found, order);
  for (const m of out.modules) {
    if (m.image) continue;
    const path = `${dirname}/${m.relpath}`;
    const content = sys.fs.read(path);
    const err = typeof content === 'number' ? content : notModuleErrno(content);
    log.err(`failed to load symbols from ${path}: ${strerror[-err] ?? `Unknown error ${-err}`}\n`);
  }
  if (show) {
    io.out(out['modules.dep'] + out['modules.alias'] + out['modules.softdep'] + out['modules.symbols'] + out['modules.devname']);
    return 0;
  }
  // output_builtin_bin and output_builtin_alias_bin read these (not for -n, which writes to stdout).
  const builtin = readWarning(sys, log, dirname, 'modules.builtin');
  const builtinModinfo = readWarning(sys, log, dirname, 'modules.builtin.modinfo');
  // The running kernel's tree is indexed by the disk itself; another tree gets the files
  // written, each in depmod_output()'s order (a missing builtin list leaves its index empty).
  if (isLive) sys.depmod();
  else {
    const files: Array<[string, string]> = [
      ['modules.dep', out['modules.dep']],
      ['modules.dep.bin', INDEX_BIN_HEAD + out['modules.dep']],
      ['modules.alias', out['modules.alias']],
      ['modules.alias.bin', INDEX_BIN_HEAD],
      ['modules.softdep', out['modules.softdep']],
      ['modules.symbols', out['modules.symbols']],
      ['modules.symbols.bin', INDEX_BIN_HEAD],
      ['modules.builtin.bin', builtin === undefined ? '' : INDEX_BIN_HEAD],
      ['modules.builtin.alias.bin', builtinModinfo === undefined ? '' : INDEX_BIN_HEAD],
      ['modules.devname', out['modules.devname']],
    ];
    for (const [name, content] of files) {
      const rc = sys.fs.write(`${dirname}/${name}`, content, false);
      if (rc < 0) {
        log.printf(LOG_CRIT, `could not open ${name}: ${strerror[-rc]}\n`);
        return 1;
      }
    }
  }
  return 0;
}

/** dfdopen(): the file's text, or undefined after "could not open NAME at DIR: …". */
function readWarning(sys: System, log: KmodLog, dirname: string, name: string): string | undefined {
  const text = sys.fs.read(`${dirname}/${name}`);
  if (typeof text === 'string') return text;
  // openat(2) of a directory for reading succeeds; only the reads after it fail.
  if (text !== -EISDIR) log.printf(LOG_WARNING, `could not open ${name} at ${dirname}: ${strerror[-text]}\n`);
  return undefined;
}

export const depmod: Tool = { name: 'depmod', main, summary: 'generate modules.dep and map files' };
