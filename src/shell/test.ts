/**
 * test and [ (bash 5.2 test.c): the POSIX rules by argument count, then the full grammar
 * with ! ( ) -a -o; file tests through the VFS as root (or sys.uid), strings compared
 * byte-wise (the oracle has no locales), integers as legal_number() reads them. Errors
 * are test_syntax_error's, status 2. The same primitives serve [[ … ]] (cond.ts).
 */
import type { FileStat } from '../kernel/filetree';
import type { Io, System } from '../userland/tool';
import type { Builtin, BuiltinContext } from './builtins';
import { byteOrder } from './glob';

export const UNARY = new Set(['-a', '-b', '-c', '-d', '-e', '-f', '-g', '-h', '-k', '-n', '-o', '-p', '-r', '-s', '-t', '-u', '-v', '-w', '-x', '-z', '-G', '-L', '-N', '-O', '-R', '-S']);
export const BINARY = new Set(['=', '==', '!=', '<', '>', '-nt', '-ot', '-ef', '-eq', '-ne', '-lt', '-le', '-gt', '-ge']);

/** A syntax error of test: the text after "[: ". */
class TestError {
  constructor(readonly text: string) {}
}

/** legal_number(): blanks, a sign and decimal digits that fit in intmax_t; else null. */
export function legalNumber(text: string): bigint | null {
  const m = /^[ \t\n]*([-+]?[0-9]+)[ \t\n]*$/.exec(text);
  if (!m) return null;
  const v = BigInt(m[1]);
  return v === BigInt.asIntN(64, v) ? v : null;
}

/** stat(2): symbolic links followed. */
function statFollow(sys: System, path: string): FileStat | null {
  let p = path;
  for (let hops = 0; hops < 40; hops++) {
    const st = sys.fs.stat(p);
    if (typeof st === 'number') return null;
    if (st.type !== 'symlink' || st.target === undefined) return st;
    p = st.target.startsWith('/') ? st.target : `${p.slice(0, p.lastIndexOf('/'))}/${st.target}`;
    p = sys.resolve(p);
  }
  return null;
}

/** access(2) as the effective user: root may read and write anything, execute what has an x bit. */
function access(st: FileStat, sys: System, bit: 4 | 2 | 1): boolean {
  if (sys.uid === 0) return bit !== 1 || st.type === 'dir' || (st.mode & 0o111) !== 0;
  return (st.mode & bit) !== 0;
}

/** unary_test(): a file or string test. */
export function unaryTest(op: string, arg: string, sys: System): boolean {
  switch (op) {
    case '-z':
      return arg === '';
    case '-n':
      return arg !== '';
    case '-t':
      return false;
    case '-v':
      return sys.env[arg] !== undefined;
    case '-o':
    case '-R':
      return false;
  }
  const path = arg === '' ? '' : sys.resolve(arg);
  if (path === '') return false;
  if (op === '-h' || op === '-L') {
    const st = sys.fs.stat(path);
    return typeof st !== 'number' && st.type === 'symlink';
  }
  const st = statFollow(sys, path);
  if (!st) return false;
  switch (op) {
    case '-a':
    case '-e':
      return true;
    case '-f':
      return st.type === 'file';
    case '-d':
      return st.type === 'dir';
    case '-c':
      return st.type === 'chardev';
    case '-b':
    case '-p':
    case '-S':
      return false;
    case '-s':
      return st.size > 0;
    case '-r':
      return access(st, sys, 4);
    case '-w':
      return access(st, sys, 2);
    case '-x':
      return access(st, sys, 1);
    case '-u':
      return (st.mode & 0o4000) !== 0;
    case '-g':
      return (st.mode & 0o2000) !== 0;
    case '-k':
      return (st.mode & 0o1000) !== 0;
    case '-O':
    case '-G':
      // Every file of this machine belongs to root.
      return sys.uid === 0;
    default:
      // -N: modified since last read; nothing here records reads.
      return false;
  }
}

/** File comparisons -nt -ot -ef (test.c: filecomp). */
export function fileCompare(op: string, a: string, b: string, sys: System): boolean {
  const sa = a === '' ? null : statFollow(sys, sys.resolve(a));
  const sb = b === '' ? null : statFollow(sys, sys.resolve(b));
  if (op === '-nt') return sa !== null && (sb === null || sa.mtime > sb.mtime);
  if (op === '-ot') return sb !== null && (sa === null || sa.mtime < sb.mtime);
  return sa !== null && sb !== null && sys.resolve(a) === sys.resolve(b);
}

export function compareIntegers(op: string, a: bigint, b: bigint): boolean {
  switch (op) {
    case '-eq': return a === b;
    case '-ne': return a !== b;
    case '-lt': return a < b;
    case '-le': return a <= b;
    case '-gt': return a > b;
    default: return a >= b;
  }
}

export function compareStrings(op: string, a: string, b: string): boolean {
  switch (op) {
    case '=':
    case '==': return a === b;
    case '!=': return a !== b;
    case '<': return byteOrder(a, b) < 0;
    default: return byteOrder(a, b) > 0;
  }
}

/** One evaluation of test's arguments (argv without the command name and the closing ]). */
class TestRun {
  private pos = 0;

  constructor(
    private readonly argv: string[],
    private readonly sys: System,
    /** What argv[argc] is: "]" for [, nothing for test (test.c reads past the end). */
    private readonly after: string | undefined,
  ) {}

  run(): boolean {
    const n = this.argv.length;
    if (n === 0) return false;
    let value: boolean;
    switch (n) {
      case 1:
        value = this.argv[0] !== '';
        this.pos = n;
        break;
      case 2:
        value = this.two();
        this.pos = n;
        break;
      case 3:
        value = this.three();
        break;
      case 4:
        if (this.argv[0] === '!') {
          this.pos = 1;
          value = !this.three();
          break;
        }
        if (this.argv[0] === '(' && this.argv[3] === ')') {
          this.pos = 1;
          value = this.two();
          this.pos = n;
          break;
        }
        value = this.expr();
        break;
      default:
        value = this.expr();
    }
    if (this.pos !== n) {
      if (this.pos < n && this.argv[this.pos].startsWith('-')) throw new TestError(`syntax error: \`${this.argv[this.pos]}' unexpected`);
      throw new TestError('too many arguments');
    }
    return value;
  }

  private get argc(): number {
    return this.argv.length;
  }

  private advance(needMore: boolean): void {
    this.pos++;
    if (needMore && this.pos >= this.argc) throw new TestError('argument expected');
  }

  private two(): boolean {
    const a = this.argv[this.pos];
    if (a === '!') return this.argv[this.pos + 1] === '';
    if (a.length === 2 && a[0] === '-' && UNARY.has(a)) return this.unary();
    throw new TestError(`${a}: unary operator expected`);
  }

  private three(): boolean {
    const p = this.pos;
    const mid = this.argv[p + 1];
    if (BINARY.has(mid)) {
      const v = this.binary();
      this.pos = this.argc;
      return v;
    }
    if (mid === '-a' || mid === '-o') {
      const v = mid === '-a' ? this.argv[p] !== '' && this.argv[p + 2] !== '' : this.argv[p] !== '' || this.argv[p + 2] !== '';
      this.pos = this.argc;
      return v;
    }
    if (this.argv[p] === '!') {
      this.advance(true);
      const v = !this.two();
      this.pos = this.argc;
      return v;
    }
    if (this.argv[p] === '(' && this.argv[p + 2] === ')') {
      this.pos = this.argc;
      return this.argv[p + 1] !== '';
    }
    throw new TestError(`${mid}: binary operator expected`);
  }

  private expr(): boolean {
    if (this.pos >= this.argc) throw new TestError('argument expected');
    return this.or();
  }

  private or(): boolean {
    const value = this.and();
    if (this.pos < this.argc && this.argv[this.pos] === '-o') {
      this.advance(false);
      const right = this.or();
      return value || right;
    }
    return value;
  }

  private and(): boolean {
    const value = this.term();
    if (this.pos < this.argc && this.argv[this.pos] === '-a') {
      this.advance(false);
      const right = this.and();
      return value && right;
    }
    return value;
  }

  private term(): boolean {
    if (this.pos >= this.argc) throw new TestError('argument expected');
    const a = this.argv[this.pos];
    if (a === '!') {
      let negate = false;
      while (this.pos < this.argc && this.argv[this.pos] === '!') {
        this.advance(true);
        negate = !negate;
      }
      return negate ? !this.term() : this.term();
    }
    if (a === '(') {
      this.advance(true);
      const value = this.expr();
      const close = this.pos < this.argc ? this.argv[this.pos] : this.after;
      if (close === undefined) throw new TestError("`)' expected");
      if (close !== ')') throw new TestError(`\`)' expected, found ${close}`);
      this.advance(false);
      return value;
    }
    if (this.pos + 3 <= this.argc && BINARY.has(this.argv[this.pos + 1])) return this.binary();
    if (this.pos + 2 <= this.argc && UNARY.has(a)) return this.unary();
    this.advance(false);
    return a !== '';
  }

  private unary(): boolean {
    const op = this.argv[this.pos];
    if (op === '-t') {
      this.advance(false);
      if (this.pos < this.argc && legalNumber(this.argv[this.pos]) !== null) this.advance(false);
      return false;
    }
    this.advance(true);
    const value = unaryTest(op, this.argv[this.pos], this.sys);
    this.advance(false);
    return value;
  }

  private binary(): boolean {
    const [a, op, b] = this.argv.slice(this.pos, this.pos + 3);
    this.pos += 3;
    if (op.startsWith('-') && op !== '-nt' && op !== '-ot' && op !== '-ef') {
      const x = legalNumber(a);
      if (x === null) throw new TestError(`${a}: integer expression expected`);
      const y = legalNumber(b);
      if (y === null) throw new TestError(`${b}: integer expression expected`);
      return compareIntegers(op, x, y);
    }
    if (op.startsWith('-')) return fileCompare(op, a, b, this.sys);
    return compareStrings(op, a, b);
  }
}

function test(argv: string[], io: Io, ctx: BuiltinContext): number {
  let args = argv.slice(1);
  const bracket = argv[0] === '[';
  if (bracket) {
    if (args[args.length - 1] !== ']') {
      io.err(`${ctx.prefix}[: missing \`]'\n`);
      return 2;
    }
    args = args.slice(0, -1);
  }
  try {
    return new TestRun(args, ctx.sys, bracket ? ']' : undefined).run() ? 0 : 1;
  } catch (e) {
    if (e instanceof TestError) {
      io.err(`${ctx.prefix}${argv[0]}: ${e.text}\n`);
      return 2;
    }
    throw e;
  }
}

export const TEST_BUILTINS: ReadonlyArray<[string, Builtin]> = [
  ['test', test],
  ['[', test],
];
