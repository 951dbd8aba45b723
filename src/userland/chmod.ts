/**
 * chmod(1) of GNU coreutils 9.1: octal and symbolic modes as gnulib's modechange.c reads and
 * applies them (who u/g/o/a, + - =, r w x X s t, copies u g o, the umask 022 where no who
 * is given, a directory's set-id bits kept unless an octal mode of 5 digits names them),
 * -c/-v/-f, -R (symbolic links met inside the tree are left alone, as fts -P does),
 * --reference, and the "new permissions are …, not …" diagnostic where the umask held bits
 * back. Mode options (chmod -w FILE) are read as chmod.c reads them.
 */
import type { Io, System, Tool } from './tool';
import { errnoText, statFollow, tryHelp } from './files';
import { EPERM } from '../kernel/errno';
import { coreutilsVersion } from './gnu-version';

const HELP = `Usage: chmod [OPTION]... MODE[,MODE]... FILE...
  or:  chmod [OPTION]... OCTAL-MODE FILE...
  or:  chmod [OPTION]... --reference=RFILE FILE...
Change the mode of each FILE to MODE.
With --reference, change the mode of each FILE to that of RFILE.

  -c, --changes          like verbose but report only when a change is made
  -f, --silent, --quiet  suppress most error messages
  -v, --verbose          output a diagnostic for every file processed
      --no-preserve-root  do not treat '/' specially (the default)
      --preserve-root    fail to operate recursively on '/'
      --reference=RFILE  use RFILE's mode instead of MODE values
  -R, --recursive        change files and directories recursively
      --help        display this help and exit
      --version     output version information and exit

Each MODE is of the form '[ugoa]*([-+=]([rwxXst]*|[ugo]))+|[-+=][0-7]+'.

GNU coreutils online help: <https://www.gnu.org/software/coreutils/>
Report any translation bugs to <https://translationproject.org/team/>
Full documentation <https://www.gnu.org/software/coreutils/chmod>
or available locally via: info '(coreutils) chmod invocation'
`;

const VERSION = coreutilsVersion('chmod', 'David MacKenzie and Jim Meyering');

/** The machine's login umask (Debian's default). */
const UMASK = 0o022;
const S_ISUID = 0o4000;
const S_ISGID = 0o2000;
const S_ISVTX = 0o1000;
const S_IRWXU = 0o700;
const S_IRWXG = 0o070;
const S_IRWXO = 0o007;
const ALL = 0o7777;
const R = 0o444;
const W = 0o222;
const X = 0o111;

interface Change {
  op: '=' | '+' | '-';
  /** The who bits (0: none given, the umask applies). */
  affected: number;
  value: number;
  /** u, g or o: the value is copied from that class of the current mode; X: x if any x or a directory. */
  flag: 'ordinary' | 'copy-u' | 'copy-g' | 'copy-o' | 'x-if-any';
  /** Bits an octal mode names (a directory keeps its set-id bits otherwise). */
  mentioned: number;
}

/** mode_compile: the changes MODE asks for, or undefined for an invalid mode. */
function compile(mode: string): Change[] | undefined {
  if (/^[0-7]/.test(mode)) {
    if (!/^[0-7]+$/.test(mode)) return undefined;
    const value = parseInt(mode, 8);
    if (value > ALL) return undefined;
    // Fewer than 5 digits leave a directory's set-user-ID and set-group-ID bits as they are.
    const mentioned = mode.length < 5 ? (value & (S_ISUID | S_ISGID)) | S_ISVTX | S_IRWXU | S_IRWXG | S_IRWXO : ALL;
    return [{ op: '=', affected: ALL, value, flag: 'ordinary', mentioned }];
  }
  const changes: Change[] = [];
  for (const clause of mode.split(',')) {
    let i = 0;
    let affected = 0;
    for (; i < clause.length && 'ugoa'.includes(clause[i]!); i++) {
      affected |= { u: S_ISUID | S_IRWXU, g: S_ISGID | S_IRWXG, o: S_ISVTX | S_IRWXO, a: ALL }[clause[i] as 'u' | 'g' | 'o' | 'a'];
    }
    if (i >= clause.length) return undefined;
    while (i < clause.length) {
      const op = clause[i];
      if (op !== '=' && op !== '+' && op !== '-') return undefined;
      i++;
      let value = 0;
      let flag: Change['flag'] = 'ordinary';
      const copy = clause[i];
      if (copy === 'u' || copy === 'g' || copy === 'o') {
        flag = `copy-${copy}`;
        i++;
      } else {
        for (; i < clause.length && 'rwxXst'.includes(clause[i]!); i++) {
          const c = clause[i]!;
          if (c === 'r') value |= R;
          else if (c === 'w') value |= W;
          else if (c === 'x') value |= X;
          else if (c === 'X') flag = 'x-if-any';
          else if (c === 's') value |= S_ISUID | S_ISGID;
          else value |= S_ISVTX;
        }
      }
      // What a symbolic change names: a directory keeps the set-id bits it does not name.
      changes.push({ op, affected, value, flag, mentioned: affected !== 0 ? affected & value : value });
    }
  }
  return changes;
}

/** mode_adjust: OLD after CHANGES, for a directory or not, under UMASK_VALUE. */
function adjust(old: number, dir: boolean, umaskValue: number, changes: readonly Change[]): number {
  let mode = old & ALL;
  for (const c of changes) {
    const omit = (dir ? S_ISUID | S_ISGID : 0) & ~c.mentioned;
    let value = c.value;
    if (c.flag.startsWith('copy-')) {
      const shift = c.flag === 'copy-u' ? 6 : c.flag === 'copy-g' ? 3 : 0;
      const bits = (mode >> shift) & 7;
      value = (bits << 6) | (bits << 3) | bits;
    } else if (c.flag === 'x-if-any') {
      if (dir || (mode & X) !== 0) value |= X;
    }
    value &= (c.affected !== 0 ? c.affected : ~umaskValue) & ~omit;
    if (c.op === '=') {
      const preserved = (c.affected !== 0 ? ~c.affected : 0) | omit;
      mode = (mode & preserved) | value;
    } else if (c.op === '+') mode |= value;
    else mode &= ~value;
  }
  return mode & ALL;
}

/** strmode without the type letter: "rwxr-xr-x", with s/S and t/T. */
function permissions(mode: number): string {
  const triple = (bits: number, special: boolean, on: string, off: string): string =>
    (bits & 4 ? 'r' : '-') + (bits & 2 ? 'w' : '-') + (bits & 1 ? (special ? on : 'x') : special ? off : '-');
  return triple(mode >> 6, (mode & S_ISUID) !== 0, 's', 'S') + triple(mode >> 3, (mode & S_ISGID) !== 0, 's', 'S') + triple(mode, (mode & S_ISVTX) !== 0, 't', 'T');
}

function octal(mode: number): string {
  return mode.toString(8).padStart(4, '0');
}

/** quote() in the C locale. */
function quote(name: string): string {
  return `'${name.replace(/'/g, "'\\''")}'`;
}

interface Options {
  verbosity: 'normal' | 'changes' | 'verbose';
  silent: boolean;
  recursive: boolean;
  changes?: Change[];
  reference?: number;
  /** Whether the umask may have held bits back (a symbolic mode). */
  diagnose: boolean;
}

/** One operand (and with -R what is under it): false when something failed. */
function chmodOne(name: string, path: string, top: boolean, opts: Options, io: Io, sys: System): boolean {
  const lst = sys.fs.stat(path);
  if (typeof lst !== 'number' && lst.type === 'symlink' && !top) {
    if (opts.verbosity === 'verbose') io.out(`neither symbolic link ${quote(name)} nor referent has been changed\n`);
    return true;
  }
  const st = statFollow(sys, path);
  if (typeof st === 'number') {
    if (!opts.silent) io.err(`chmod: cannot access ${quote(name)}: ${errnoText(st)}\n`);
    return false;
  }
  const dir = st.type === 'dir';
  const old = st.mode & ALL;
  const wanted = opts.reference ?? adjust(old, dir, UMASK, opts.changes ?? []);
  let ok = true;
  let now = old;
  if (wanted !== old) {
    const rc = sys.fs.chmod ? sys.fs.chmod(path, wanted) : -EPERM;
    if (rc < 0) {
      if (!opts.silent) io.err(`chmod: changing permissions of ${quote(name)}: ${errnoText(rc)}\n`);
      ok = false;
    } else now = wanted;
  }
  if (ok && (opts.verbosity === 'verbose' || (opts.verbosity === 'changes' && now !== old))) {
    io.out(now !== old ? `mode of ${quote(name)} changed from ${octal(old)} (${permissions(old)}) to ${octal(now)} (${permissions(now)})\n` : `mode of ${quote(name)} retained as ${octal(now)} (${permissions(now)})\n`);
  }
  if (ok && opts.diagnose && opts.changes) {
    const naive = adjust(old, dir, 0, opts.changes);
    // Only bits left set that the mode meant to clear are a surprise (the umask keeps + from adding, silently).
    if ((now & ~naive) !== 0) {
      if (!opts.silent) io.err(`chmod: ${name}: new permissions are ${permissions(now)}, not ${permissions(naive)}\n`);
      ok = false;
    }
  }
  if (opts.recursive && dir) {
    const names = sys.fs.list(path);
    if (typeof names !== 'number') {
      for (const child of names) ok = chmodOne(`${name.replace(/\/+$/, '')}/${child}`, `${path === '/' ? '' : path}/${child}`, false, opts, io, sys) && ok;
    }
  }
  return ok;
}

const MODE_OPTION = /^-[rwxXstugoa=+,0-7-]+$/;

export function main(argv: string[], io: Io, sys: System): number {
  const opts: Options = { verbosity: 'normal', silent: false, recursive: false, diagnose: false };
  let mode: string | undefined;
  let modeFromOption = false;
  let reference: string | undefined;
  const operands: string[] = [];
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const [name, value] = a.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      const long = ['changes', 'silent', 'quiet', 'verbose', 'recursive', 'reference', 'preserve-root', 'no-preserve-root', 'help', 'version'].filter((l) => l.startsWith(name));
      const exact = long.includes(name) ? [name] : long;
      if (exact.length !== 1) {
        io.err(exact.length === 0 ? `chmod: unrecognized option '${a}'\n` : `chmod: option '${a}' is ambiguous\n`);
        return tryHelp(io, 'chmod');
      }
      const opt = exact[0]!;
      if (opt === 'help') return io.out(HELP), 0;
      if (opt === 'version') return io.out(VERSION), 0;
      if (opt === 'changes') opts.verbosity = 'changes';
      else if (opt === 'verbose') opts.verbosity = 'verbose';
      else if (opt === 'silent' || opt === 'quiet') opts.silent = true;
      else if (opt === 'recursive') opts.recursive = true;
      else if (opt === 'reference') {
        const v = value ?? argv[++i];
        if (v === undefined) {
          io.err(`chmod: option '--reference' requires an argument\n`);
          return tryHelp(io, 'chmod');
        }
        reference = v;
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      // chmod -w FILE: a mode that looks like options is the mode (several join with ',').
      if (MODE_OPTION.test(a) && /[rwxXstugoa=+,0-7]/.test(a.slice(1)) && !/^-[cfvR]+$/.test(a)) {
        mode = mode === undefined ? a : `${mode},${a}`;
        modeFromOption = true;
        continue;
      }
      for (const c of a.slice(1)) {
        if (c === 'c') opts.verbosity = 'changes';
        else if (c === 'v') opts.verbosity = 'verbose';
        else if (c === 'f') opts.silent = true;
        else if (c === 'R') opts.recursive = true;
        else {
          io.err(`chmod: invalid option -- '${c}'\n`);
          return tryHelp(io, 'chmod');
        }
      }
      continue;
    }
    operands.push(a);
  }
  operands.push(...argv.slice(i));
  if (reference === undefined && mode === undefined) {
    const first = operands.shift();
    if (first === undefined) {
      io.err('chmod: missing operand\n');
      return tryHelp(io, 'chmod');
    }
    mode = first;
  }
  if (operands.length === 0) {
    io.err(mode !== undefined && !modeFromOption ? `chmod: missing operand after ${quote(mode)}\n` : 'chmod: missing operand\n');
    return tryHelp(io, 'chmod');
  }
  if (reference !== undefined) {
    const st = statFollow(sys, sys.resolve(reference));
    if (typeof st === 'number') {
      io.err(`chmod: failed to get attributes of ${quote(reference)}: ${errnoText(st)}\n`);
      return 1;
    }
    opts.reference = st.mode & ALL;
  } else {
    const changes = compile(mode ?? '');
    if (!changes) {
      io.err(`chmod: invalid mode: ${quote(mode ?? '')}\n`);
      return tryHelp(io, 'chmod');
    }
    opts.changes = changes;
    opts.diagnose = !/^[0-7]/.test(mode ?? '');
  }
  let ok = true;
  for (const name of operands) ok = chmodOne(name, sys.resolve(name), true, opts, io, sys) && ok;
  return ok ? 0 : 1;
}

export const chmod: Tool = { name: 'chmod', main, summary: 'change file mode bits' };
