/**
 * find(1) of GNU findutils 4.9.0: -H/-L/-P, start points, then an expression of tests,
 * actions and operators (! -not -a -and -o -or ( ) and juxtaposition), parsed as
 * find/parser.c does; a tree walk in directory order (readdir's, which find does not sort).
 * Without an action the whole expression is followed by -print. Errors are findutils' texts
 * in the C locale (quotes from gnulib's quote(): 'x'), exit status 1 after any of them.
 */
import type { FileStat } from '../kernel/filetree';
import type { Io, System, Tool } from './tool';
import type { Regex } from './regex/index';
import { compileFnmatch } from './regex/fnmatch';
import { compileRegex, DIALECTS, RegexSyntaxError, type Dialect } from './regex/index';
import { errnoText, now, statFollow } from './files';

type Node =
  | { kind: 'and' | 'or'; left: Node; right: Node }
  | { kind: 'not'; node: Node }
  | { kind: 'test'; name: string; run: (e: Entry) => boolean };

interface Entry {
  /** The path as find prints it. */
  path: string;
  /** Absolute path on the machine. */
  abs: string;
  depth: number;
  stat: FileStat;
  /** The start point this entry was reached from (for %P). */
  start: string;
}

class Usage extends Error {}

/** Tests and actions that take one argument. */
const WITH_ARG = new Set(['-regextype', '-name', '-iname', '-path', '-ipath', '-wholename', '-iwholename', '-regex', '-iregex', '-type', '-xtype', '-maxdepth', '-mindepth', '-size', '-newer', '-perm', '-printf', '-user', '-group', '-links', '-mtime', '-mmin', '-fprint', '-uid', '-gid', '-inum', '-samefile', '-lname', '-ilname']);
const GLOBAL = new Set(['-maxdepth', '-mindepth', '-depth', '-d', '-xdev', '-mount', '-noleaf', '-ignore_readdir_race', '-noignore_readdir_race']);
const ACTIONS = new Set(['-print', '-print0', '-printf', '-exec', '-execdir', '-ok', '-okdir', '-delete', '-ls', '-fprint', '-quit']);

function typeLetter(t: FileStat['type']): string {
  return t === 'dir' ? 'd' : t === 'symlink' ? 'l' : t === 'chardev' ? 'c' : 'f';
}

function modeString(st: FileStat): string {
  const t = st.type === 'dir' ? 'd' : st.type === 'symlink' ? 'l' : st.type === 'chardev' ? 'c' : '-';
  let s = t;
  for (let shift = 6; shift >= 0; shift -= 3) {
    const b = (st.mode >> shift) & 7;
    s += (b & 4 ? 'r' : '-') + (b & 2 ? 'w' : '-') + (b & 1 ? 'x' : '-');
  }
  return s;
}

/** -regextype's names (findutils 4.9 regextype.c), in its order, and the syntax each means. */
const REGEX_TYPES: ReadonlyArray<[string, Dialect]> = [
  ['findutils-default', DIALECTS.emacs],
  ['ed', DIALECTS.posixBasic],
  ['emacs', DIALECTS.emacs],
  ['gnu-awk', DIALECTS.posixExtended],
  ['grep', DIALECTS.posixBasic],
  ['posix-awk', DIALECTS.posixExtended],
  ['awk', DIALECTS.posixExtended],
  ['posix-basic', DIALECTS.posixBasic],
  ['posix-egrep', DIALECTS.posixExtended],
  ['egrep', DIALECTS.posixExtended],
  ['posix-extended', DIALECTS.posixExtended],
  ['posix-minimal-basic', DIALECTS.posixBasic],
  ['sed', DIALECTS.posixBasic],
];

/** Seconds in find's units: -mtime counts days, -mmin minutes. */
const TIME_UNIT: Readonly<Record<string, number>> = { '-mtime': 86400, '-mmin': 60 };

class Find {
  status = 0;
  /** -regextype: the syntax of the -regex tests after it (emacs's by default). */
  private dialect: Dialect = DIALECTS.emacs;
  maxdepth = Infinity;
  mindepth = 0;
  depthFirst = false;
  follow: 'P' | 'L' | 'H' = 'P';
  quit = false;
  pruned = false;
  /** -exec … {} + batches, run at the end. */
  private readonly batches: { argv: string[]; paths: string[] }[] = [];

  constructor(
    private readonly io: Io,
    private readonly sys: System,
  ) {}

  error(text: string): void {
    this.io.err(`find: ${text}\n`);
    this.status = 1;
  }

  // ---- expression --------------------------------------------------------

  parse(args: string[]): Node | null {
    let i = 0;
    let sawNonGlobal: string | null = null;
    let hasAction = false;
    const primary = (): Node => {
      const a = args[i];
      if (a === '(') {
        i++;
        const n = or();
        if (args[i] !== ')') throw new Usage('invalid expression; you have too many \'(\'');
        i++;
        return n;
      }
      if (a === '!' || a === '-not') {
        i++;
        return { kind: 'not', node: primary() };
      }
      if (!a.startsWith('-') || a === '-') {
        throw new Usage(`paths must precede expression: \`${a}'`);
      }
      i++;
      if (ACTIONS.has(a) || a === '-prune') {
        if (a !== '-prune') hasAction = true;
      }
      if (GLOBAL.has(a)) {
        if (sawNonGlobal !== null) {
          this.io.err(`find: warning: you have specified the global option ${a} after the argument ${sawNonGlobal}, but global options are not positional, i.e., ${a} affects tests specified before it as well as those specified after it.  Please specify global options before other arguments.\n`);
        }
      } else sawNonGlobal ??= a;
      let arg = '';
      if (WITH_ARG.has(a)) {
        if (i >= args.length) throw new Usage(`missing argument to \`${a}'`);
        arg = args[i++];
      }
      return this.test(a, arg, () => {
        // -exec CMD ... ; or {} +
        const start = i;
        while (i < args.length && args[i] !== ';' && !(args[i] === '+' && args[i - 1] === '{}')) i++;
        if (i >= args.length || i === start) throw new Usage(`missing argument to \`${a}'`);
        const term = args[i++];
        return { argv: args.slice(start, i - 1), plus: term === '+' };
      });
    };
    const and = (): Node => {
      let left = primary();
      for (;;) {
        const a = args[i];
        if (a === undefined || a === ')' || a === '-o' || a === '-or' || a === ',') return left;
        if (a === '-a' || a === '-and') {
          i++;
          if (i >= args.length) throw new Usage(`invalid expression; you have used a binary operator '${a}' with nothing after it.`);
        }
        left = { kind: 'and', left, right: primary() };
      }
    };
    const or = (): Node => {
      let left = and();
      while (args[i] === '-o' || args[i] === '-or') {
        const op = args[i++];
        if (i >= args.length) throw new Usage(`invalid expression; you have used a binary operator '${op}' with nothing after it.`);
        left = { kind: 'or', left, right: and() };
      }
      return left;
    };
    if (args.length === 0) return this.printTest();
    const tree = or();
    if (i < args.length) {
      if (args[i] === ')') throw new Usage("invalid expression; you have too many ')'");
      throw new Usage(`paths must precede expression: \`${args[i]}'`);
    }
    return hasAction ? tree : { kind: 'and', left: tree, right: this.printTest() };
  }

  private printTest(): Node {
    return { kind: 'test', name: '-print', run: (e) => (this.io.out(e.path + '\n'), true) };
  }

  private pattern(p: string, icase: boolean): Regex {
    return compileFnmatch(icase ? caseBlind(p) : p);
  }

  private test(name: string, arg: string, execArgs: () => { argv: string[]; plus: boolean }): Node {
    const mk = (run: (e: Entry) => boolean): Node => ({ kind: 'test', name, run });
    switch (name) {
      case '-name':
      case '-iname': {
        const re = this.pattern(arg, name === '-iname');
        return mk((e) => re.test(baseOf(e.path)));
      }
      case '-path':
      case '-wholename':
      case '-ipath':
      case '-iwholename': {
        const re = this.pattern(arg, name.startsWith('-i'));
        return mk((e) => re.test(e.path));
      }
      case '-regex':
      case '-iregex': {
        let re: Regex;
        try {
          re = compileRegex(arg, { dialect: this.dialect, icase: name === '-iregex', wholeLine: true });
        } catch (e) {
          if (e instanceof RegexSyntaxError) throw new Usage(`failed to compile regular expression '${arg}': ${e.message}`);
          throw e;
        }
        return mk((e) => re.test(e.path));
      }
      case '-type':
      case '-xtype': {
        const letters = arg.split(',');
        for (const l of letters) {
          if (!/^[bcdpflsD]$/.test(l)) throw new Usage(`Unknown argument to ${name}: ${l}`);
        }
        return mk((e) => {
          let t = e.stat.type;
          if (name === '-xtype' && t === 'symlink') {
            const st = statFollow(this.sys, e.abs);
            if (typeof st !== 'number') t = st.type;
          }
          return letters.includes(typeLetter(t));
        });
      }
      case '-maxdepth':
      case '-mindepth': {
        if (!/^[0-9]+$/.test(arg)) throw new Usage(`Expected a positive decimal integer argument to ${name}, but got '${arg}'`);
        if (name === '-maxdepth') this.maxdepth = parseInt(arg, 10);
        else this.mindepth = parseInt(arg, 10);
        return mk(() => true);
      }
      case '-depth':
      case '-d':
        this.depthFirst = true;
        return mk(() => true);
      case '-xdev':
      case '-mount':
      case '-noleaf':
      case '-ignore_readdir_race':
      case '-noignore_readdir_race':
      case '-true':
        return mk(() => true);
      case '-false':
        return mk(() => false);
      case '-size': {
        const m = /^([+-]?)([0-9]+)([bcwkMG]?)$/.exec(arg);
        if (!m) throw new Usage(`invalid -size type \`${arg.replace(/^[+-]?[0-9]*/, '').slice(0, 1)}'`);
        const unit = { b: 512, c: 1, w: 2, k: 1024, M: 1048576, G: 1073741824, '': 512 }[m[3] as 'b'];
        const n = parseInt(m[2], 10);
        return mk((e) => {
          const blocks = Math.ceil(e.stat.size / unit);
          return m[1] === '+' ? blocks > n : m[1] === '-' ? blocks < n : blocks === n;
        });
      }
      case '-empty':
        return mk((e) => {
          if (e.stat.type === 'dir') {
            const l = this.sys.fs.list(e.abs);
            return typeof l !== 'number' && l.length === 0;
          }
          return e.stat.type === 'file' && e.stat.size === 0;
        });
      case '-newer': {
        const st = statFollow(this.sys, this.sys.resolve(arg));
        if (typeof st === 'number') throw new Usage(`'${arg}': ${errnoText(st)}`);
        return mk((e) => e.stat.mtime > st.mtime);
      }
      case '-perm': {
        const m = /^([-/]?)([0-7]{1,4})$/.exec(arg);
        if (!m) throw new Usage(`invalid mode '${arg}'`);
        const want = parseInt(m[2], 8);
        return mk((e) => {
          const mode = e.stat.mode & 0o7777;
          if (m[1] === '-') return (mode & want) === want;
          if (m[1] === '/') return want === 0 || (mode & want) !== 0;
          return mode === want;
        });
      }
      case '-user':
      case '-group':
        if (arg !== 'root' && arg !== '0') throw new Usage(`${name === '-user' ? "'" + arg + "' is not the name of a known user" : "'" + arg + "' is not the name of an existing group"}`);
        return mk(() => true);
      case '-uid':
      case '-gid':
        return mk(() => arg === '0');
      case '-links':
        return mk((e) => (e.stat.type === 'dir' ? 2 : 1) === parseInt(arg, 10));
      case '-regextype': {
        const type = REGEX_TYPES.find(([n]) => n === arg);
        if (!type) throw new Usage(`Unknown regular expression type '${arg}'; valid types are ${REGEX_TYPES.map(([n]) => `'${n}'`).join(', ')}.`);
        this.dialect = type[1];
        return mk(() => true);
      }
      case '-mtime':
      case '-mmin': {
        // the age in whole units, rounded down, compared with N, +N (more) or -N (less)
        const m = /^([+-]?)(\d+)$/.exec(arg);
        if (!m) throw new Usage(`invalid argument \`${arg}' to \`${name}'`);
        const n = Number(m[2]);
        const unit = TIME_UNIT[name] * 1000;
        const start = now(this.sys);
        return mk((e) => {
          const age = Math.floor((start - e.stat.mtime) / unit);
          return m[1] === '+' ? age > n : m[1] === '-' ? age < n : age === n;
        });
      }
      case '-print':
        return this.printTest();
      case '-print0':
        return mk((e) => (this.io.out(e.path + '\0'), true));
      case '-printf':
        return mk((e) => (this.io.out(this.printf(arg, e)), true));
      case '-prune':
        return mk(() => {
          this.pruned = true;
          return true;
        });
      case '-quit':
        return mk(() => {
          this.quit = true;
          return true;
        });
      case '-delete':
        this.depthFirst = true;
        return mk((e) => this.delete(e));
      case '-exec':
      case '-execdir':
      case '-ok':
      case '-okdir': {
        const { argv, plus } = execArgs();
        if (plus) {
          const batch = { argv: argv.slice(0, -1), paths: [] as string[] };
          this.batches.push(batch);
          return mk((e) => (batch.paths.push(name === '-execdir' ? './' + baseOf(e.path) : e.path), true));
        }
        return mk((e) => {
          const p = name === '-execdir' || name === '-okdir' ? './' + baseOf(e.path) : e.path;
          return this.run(argv.map((a) => a.split('{}').join(p))) === 0;
        });
      }
      default:
        throw new Usage(`unknown predicate \`${name}'`);
    }
  }

  private run(argv: string[]): number {
    const rc = this.sys.exec(argv, { stdin: '', out: (t) => this.io.out(t), err: (t) => this.io.err(t) });
    if (rc < 0) {
      this.error(`'${argv[0]}': ${errnoText(rc)}`);
      return 127;
    }
    return rc;
  }

  runBatches(): void {
    for (const b of this.batches) {
      if (b.paths.length === 0) continue;
      if (this.run([...b.argv, ...b.paths]) !== 0) this.status = 1;
    }
  }

  private delete(e: Entry): boolean {
    if (e.path === '.') return true;
    const fs = this.sys.fs;
    const rc = e.stat.type === 'dir' ? (fs.rmdir ? fs.rmdir(e.abs) : -1) : fs.unlink ? fs.unlink(e.abs) : -1;
    if (rc < 0) {
      this.error(`cannot delete '${e.path}': ${errnoText(rc)}`);
      return false;
    }
    return true;
  }

  private printf(fmt: string, e: Entry): string {
    let out = '';
    for (let i = 0; i < fmt.length; i++) {
      const c = fmt[i];
      if (c === '\\') {
        const n = fmt[++i];
        const map: Record<string, string> = { n: '\n', t: '\t', '0': '\0', '\\': '\\', a: '\x07', b: '\b', f: '\f', r: '\r', v: '\v' };
        out += n !== undefined && n in map ? map[n] : '\\' + (n ?? '');
        continue;
      }
      if (c !== '%') {
        out += c;
        continue;
      }
      const m = /^(-?[0-9]*)([a-zA-Z%])/.exec(fmt.slice(i + 1));
      if (!m) {
        out += '%';
        continue;
      }
      i += m[0].length;
      let v: string;
      switch (m[2]) {
        case '%':
          v = '%';
          break;
        case 'p':
          v = e.path;
          break;
        case 'f':
          v = baseOf(e.path);
          break;
        case 'h': {
          const k = e.path.lastIndexOf('/');
          v = k < 0 ? '.' : k === 0 ? '/' : e.path.slice(0, k);
          break;
        }
        case 'P':
          v = e.path === e.start ? '' : e.path.slice(e.start.length + (e.start.endsWith('/') ? 0 : 1));
          break;
        case 'H':
          v = e.start;
          break;
        case 's':
          v = String(e.stat.size);
          break;
        case 'd':
          v = String(e.depth);
          break;
        case 'm':
          v = (e.stat.mode & 0o7777).toString(8);
          break;
        case 'M':
          v = modeString(e.stat);
          break;
        case 'y':
          v = typeLetter(e.stat.type);
          break;
        case 'l':
          v = e.stat.type === 'symlink' ? (e.stat.target ?? '') : '';
          break;
        case 'u':
        case 'g':
          v = 'root';
          break;
        case 'U':
        case 'G':
          v = '0';
          break;
        case 'n':
          v = e.stat.type === 'dir' ? '2' : '1';
          break;
        default:
          v = '';
      }
      const w = m[1];
      if (w !== '') {
        const width = Math.abs(parseInt(w, 10)) || 0;
        v = w.startsWith('-') ? v.padEnd(width) : v.padStart(width);
      }
      out += v;
    }
    return out;
  }

  // ---- the walk ------------------------------------------------------------

  private stat(abs: string, top: boolean): FileStat | number {
    const l = this.sys.fs.stat(abs);
    if (typeof l === 'number' || l.type !== 'symlink') return l;
    if (this.follow === 'L' || (this.follow === 'H' && top)) {
      const st = statFollow(this.sys, abs);
      return typeof st === 'number' ? l : st;
    }
    return l;
  }

  walk(start: string, expr: Node): void {
    const abs = this.sys.resolve(start);
    const st = this.stat(abs, true);
    if (typeof st === 'number') {
      this.error(`'${start}': ${errnoText(st)}`);
      return;
    }
    this.visit({ path: start, abs, depth: 0, stat: st, start }, expr, new Set());
  }

  private visit(e: Entry, expr: Node, ancestors: Set<string>): void {
    if (this.quit) return;
    this.pruned = false;
    const isDir = e.stat.type === 'dir';
    if (!this.depthFirst && e.depth >= this.mindepth) this.evaluate(expr, e);
    const descend = isDir && e.depth < this.maxdepth && !(this.pruned && !this.depthFirst);
    if (descend && !this.quit) {
      const names = this.sys.fs.list(e.abs);
      if (typeof names === 'number') this.error(`'${e.path}': ${errnoText(names)}`);
      else {
        const key = this.follow === 'P' ? e.abs : (this.sys.fs.realpath?.(e.abs, true) ?? e.abs);
        if (typeof key === 'string' && ancestors.has(key)) {
          this.error(`File system loop detected; '${e.path}' is part of the same file system loop as '${e.path}'.`);
        } else {
          const next = new Set(ancestors);
          if (typeof key === 'string') next.add(key);
          for (const name of names) {
            if (this.quit) break;
            const childAbs = e.abs === '/' ? '/' + name : `${e.abs}/${name}`;
            const childPath = e.path.endsWith('/') ? e.path + name : `${e.path}/${name}`;
            const st = this.stat(childAbs, false);
            if (typeof st === 'number') {
              this.error(`'${childPath}': ${errnoText(st)}`);
              continue;
            }
            this.visit({ path: childPath, abs: childAbs, depth: e.depth + 1, stat: st, start: e.start }, expr, next);
          }
        }
      }
    }
    if (this.depthFirst && e.depth >= this.mindepth && !this.quit) this.evaluate(expr, e);
  }

  private evaluate(n: Node, e: Entry): boolean {
    switch (n.kind) {
      case 'and':
        return this.evaluate(n.left, e) && !this.quit && this.evaluate(n.right, e);
      case 'or':
        return this.evaluate(n.left, e) || (!this.quit && this.evaluate(n.right, e));
      case 'not':
        return !this.evaluate(n.node, e);
      case 'test':
        return n.run(e);
    }
  }
}

function baseOf(path: string): string {
  if (path === '/') return '/';
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** A shell pattern that matches either case of each letter (-iname's FNM_CASEFOLD). */
function caseBlind(p: string): string {
  let out = '';
  let inBracket = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\' && i + 1 < p.length) {
      out += c + p[++i];
      continue;
    }
    if (c === '[') inBracket = true;
    else if (c === ']') inBracket = false;
    if (/[A-Za-z]/.test(c)) {
      const pair = c.toLowerCase() + c.toUpperCase();
      out += inBracket ? pair : `[${pair}]`;
    } else out += c;
  }
  return out;
}

export function main(argv: string[], io: Io, sys: System): number {
  const f = new Find(io, sys);
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-P' || a === '-L' || a === '-H') f.follow = a[1] as 'P' | 'L' | 'H';
    else if (a === '--') {
      i++;
      break;
    } else if (a === '--help') {
      io.out('Usage: find [-H] [-L] [-P] [-Olevel] [-D debugopts] [path...] [expression]\n');
      return 0;
    } else if (a === '--version') {
      io.out('find (GNU findutils) 4.9.0\n');
      return 0;
    } else break;
  }
  const starts: string[] = [];
  while (i < argv.length && !(argv[i].startsWith('-') && argv[i] !== '-') && argv[i] !== '(' && argv[i] !== '!') starts.push(argv[i++]);
  let expr: Node | null;
  try {
    expr = f.parse(argv.slice(i));
  } catch (e) {
    if (e instanceof Usage) {
      io.err(`find: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  if (expr === null) return 1;
  for (const s of starts.length ? starts : ['.']) {
    if (f.quit) break;
    f.walk(s, expr);
  }
  f.runBatches();
  return f.status;
}

export const find: Tool = { name: 'find', main, summary: 'search for files in a directory hierarchy' };
