/**
 * mawk's built-in functions (bi_funct.c): string functions with 20200120's quirks
 * (substr's truncated positions, substr(s, 0, n) as substr(s, 1, n)), split with FS's rules,
 * sub/gsub with & and \\&, match setting RSTART/RLENGTH, the math functions, system(),
 * close(), fflush() and srand()/rand().
 */
import type { Expr, LValue, VarRef } from './ast';
import type { Regex } from '../regex/index';
import type { PrintfArg } from './printf';
import type { Separator } from './split';
import type { Outputs } from './outputs';
import type { Var } from './vars';
import { arrayOfVar } from './vars';
import { AwkRuntimeError } from './errors';
import { formatArgs } from './printf';
import { reSplit, splitFields } from './split';
import { fromInput, toNum, type Value } from './value';

/** What the built-ins need of the interpreter (interp.ts implements it). */
export interface Interpreter {
  readonly outputs: Outputs;
  eval(e: Expr): Value;
  str(v: Value): string;
  global(name: string): Var;
  varOf(ref: VarRef): Var;
  read(lv: LValue): Value;
  write(lv: LValue, v: Value): void;
  rebuild(): string;
  regex(source: string): Regex;
  regexOf(e: Expr): Regex;
  separator(fs: string): Separator;
  printfArg(v: Value): PrintfArg;
  checkLength(s: string): string;
  tick(): void;
  close(name: string): number;
  rand(): number;
  srand(seed: number): number;
  clockSeconds(): number;
  system(cmd: string): number;
}

export function callBuiltin(awk: Interpreter, name: string, args: Expr[]): Value {
  const argc = args.length;
  const num = (i: number): number => toNum(awk.eval(args[i]));
  const s = (i: number): string => awk.str(awk.eval(args[i]));
  switch (name) {
    case 'length':
      if (argc === 0) return awk.rebuild().length;
      if (args[0].kind === 'var') {
        const v = awk.varOf(args[0].ref);
        if (v.arr !== null) return v.arr.size;
      }
      return s(0).length;
    case 'index':
      return s(0).indexOf(s(1)) + 1;
    case 'substr': {
      // bi_substr of 20200120: truncated positions, and substr(s, 0, n) read as substr(s, 1, n)
      const str = s(0);
      const len = str.length;
      if (len === 0) return '';
      let n = argc > 2 ? dToInt(num(2)) : len;
      let i = dToInt(num(1)) - 1;
      if (i > len) n = 0;
      if (i < 0) {
        n -= i + 1;
        i = 0;
      }
      if (n > len - i) n = len - i;
      return n <= 0 ? '' : str.slice(i, i + n);
    }
    case 'sprintf': {
      const fmt = s(0);
      const r = formatArgs(fmt, args.slice(1).map((a) => awk.printfArg(awk.eval(a))), 'sprintf');
      if (r.error !== undefined) throw new AwkRuntimeError(r.error);
      return awk.checkLength(r.text);
    }
    case 'split': {
      const str = s(0);
      const target = args[1];
      if (target.kind !== 'var') return 0;
      const arr = arrayOfVar(awk.varOf(target.ref));
      let parts: string[];
      if (argc > 2) {
        const sepExpr = args[2];
        if (sepExpr.kind === 'regex') parts = str === '' ? [] : reSplit(str, awk.regex(sepExpr.source));
        else parts = splitFields(str, awk.separator(awk.str(awk.eval(sepExpr))));
      } else {
        parts = splitFields(str, awk.separator(awk.str(awk.global('FS').value)));
      }
      arr.clear();
      parts.forEach((p, i) => arr.set(String(i + 1), fromInput(p)));
      return parts.length;
    }
    case 'sub':
    case 'gsub':
      return substitute(awk, name === 'gsub', args);
    case 'match': {
      const str = s(0);
      const m = awk.regexOf(args[1]).exec(str, 0, false);
      const start = m === null ? 0 : m.start + 1;
      const length = m === null ? -1 : m.end - m.start;
      awk.global('RSTART').value = start;
      awk.global('RLENGTH').value = length;
      return start;
    }
    case 'tolower':
      return s(0).replace(/[A-Z]+/g, (x) => x.toLowerCase());
    case 'toupper':
      return s(0).replace(/[a-z]+/g, (x) => x.toUpperCase());
    case 'int':
      return Math.trunc(num(0));
    case 'sqrt':
      return Math.sqrt(num(0));
    case 'exp':
      return Math.exp(num(0));
    case 'log':
      return Math.log(num(0));
    case 'sin':
      return Math.sin(num(0));
    case 'cos':
      return Math.cos(num(0));
    case 'atan2': {
      const y = num(0);
      const x = num(1);
      if (y === 0 && x === 0) throw new AwkRuntimeError('atan2(0,0) : domain error');
      return Math.atan2(y, x);
    }
    case 'rand':
      return awk.rand();
    case 'srand':
      return awk.srand(argc > 0 ? toNum(awk.eval(args[0])) : awk.clockSeconds());
    case 'system':
      return awk.system(s(0));
    case 'close':
      return awk.close(s(0));
    case 'fflush':
      return argc > 0 ? awk.outputs.fflush(s(0)) : 0;
    default:
      return null;
  }
}

function substitute(awk: Interpreter, global: boolean, args: Expr[]): Value {
  const re = awk.regexOf(args[0]);
  const repl = awk.str(awk.eval(args[1]));
  const target: LValue = args.length > 2 && (args[2].kind === 'var' || args[2].kind === 'field' || args[2].kind === 'elem') ? args[2] : { kind: 'field', index: { kind: 'num', value: 0 } };
  const text = awk.str(awk.read(target));
  let out = '';
  let count = 0;
  let pos = 0;
  let at = 0;
  /** End of the last non-empty match: an empty match there is no new match ("axb" → "-a-b-"). */
  let lastEnd = -1;
  while (at <= text.length) {
    awk.tick();
    const m = re.exec(text, at, false);
    if (m === null) break;
    if (m.end === m.start && m.start === lastEnd) {
      if (m.start >= text.length) break;
      out += text.slice(pos, m.start + 1);
      pos = m.start + 1;
      at = m.start + 1;
      lastEnd = -1;
      continue;
    }
    if (m.end > m.start) lastEnd = m.end;
    out += text.slice(pos, m.start) + expandRepl(repl, text.slice(m.start, m.end));
    count++;
    if (m.end === m.start) {
      if (m.start < text.length) out += text[m.start];
      pos = m.start + 1;
      at = m.start + 1;
    } else {
      pos = m.end;
      at = m.end;
    }
    if (!global) break;
    awk.checkLength(out);
  }
  if (count === 0) return 0;
  out += text.slice(pos);
  awk.write(target, out);
  return count;
}
/** sub/gsub's replacement: & is the match, \& a literal &, \\ a backslash. */
function expandRepl(repl: string, matched: string): string {
if (!repl.includes('&') && !repl.includes('\\')) return repl;
let out = '';
for (let i = 0; i < repl.length; i++) {
  const c = repl[i];
  if (c === '\\' && (repl[i + 1] === '&' || repl[i + 1] === '\\')) {
    out += repl[++i];
  } else if (c === '&') out += matched;
  else out += c;
}
return out;
}

/** d_to_i(): a double clamped into a C int. */
function dToInt(d: number): number {
if (d >= 2147483647) return 2147483647;
if (d > -2147483647) return Math.trunc(d);
return -2147483647;
}

