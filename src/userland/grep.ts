/**
 * grep(1) of GNU grep 3.8: basic (default), extended (-E) and fixed (-F) patterns, -e/-f
 * lists, -i -v -w -x -c -l -L -q -s -n -h -H -o -m, -A/-B/-C context ("--" between groups), -r/-R over directories (names joined
 * as fts does). Several files (or -r) prefix matches with "FILE:". Status 0 when a line
 * was selected, 1 when none, 2 on an error (unless -q already matched).
 * Patterns run on regex/ (linear time, POSIX leftmost-longest as glibc); a back-reference
 * search past its budget ends grep as glibc's REG_ESPACE does: "grep: memory exhausted".
 */
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { errnoText, lines, readOperand } from './files';
import { BacktrackBudgetExceeded, compileRegex, DIALECTS, RegexSyntaxError, type Regex } from './regex';
import { compileFixed } from './regex/fixed';

const SHORT = 'EFGe:f:ivwxclLqsnhHorRm:A:B:C:TaZ';
const LONG: LongOption[] = [
  { name: 'extended-regexp', has: 'none', key: 'E' },
  { name: 'fixed-strings', has: 'none', key: 'F' },
  { name: 'basic-regexp', has: 'none', key: 'G' },
  { name: 'regexp', has: 'required', key: 'e' },
  { name: 'file', has: 'required', key: 'f' },
  { name: 'ignore-case', has: 'none', key: 'i' },
  { name: 'invert-match', has: 'none', key: 'v' },
  { name: 'word-regexp', has: 'none', key: 'w' },
  { name: 'line-regexp', has: 'none', key: 'x' },
  { name: 'count', has: 'none', key: 'c' },
  { name: 'files-with-matches', has: 'none', key: 'l' },
  { name: 'files-without-match', has: 'none', key: 'L' },
  { name: 'quiet', has: 'none', key: 'q' },
  { name: 'silent', has: 'none', key: 'q' },
  { name: 'no-messages', has: 'none', key: 's' },
  { name: 'line-number', has: 'none', key: 'n' },
  { name: 'no-filename', has: 'none', key: 'h' },
  { name: 'with-filename', has: 'none', key: 'H' },
  { name: 'only-matching', has: 'none', key: 'o' },
  { name: 'recursive', has: 'none', key: 'r' },
  { name: 'dereference-recursive', has: 'none', key: 'R' },
  { name: 'max-count', has: 'required', key: 'm' },
  { name: 'text', has: 'none', key: 'a' },
  { name: 'color', has: 'optional', key: 'color' },
  { name: 'colour', has: 'optional', key: 'color' },
  { name: 'help', has: 'none', key: 'help' },
  { name: 'version', has: 'none', key: 'version' },
];

export function main(argv: string[], io: Io, sys: System): number {
  const parsed = getopt(argv, SHORT, LONG);
  let before = 0;
  let after = 0;
  if (!parsed.ok) {
    io.err(parsed.message);
    io.err("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
    return 2;
  }
  const o = { mode: 'G', i: false, v: false, w: false, x: false, c: false, l: false, L: false, q: false, s: false, n: false, h: false, H: false, o: false, r: false, max: Infinity };
  const patterns: string[] = [];
  let havePatterns = false;
  let matcherSet = false;
  for (const { key, arg } of parsed.options) {
    switch (key) {
      case 'help':
        io.out("Usage: grep [OPTION]... PATTERNS [FILE]...\nSearch for PATTERNS in each FILE.\nExample: grep -i 'hello world' menu.h main.c\nPATTERNS can contain multiple patterns separated by newlines.\n");
        return 0;
      case 'version':
        io.out('grep (GNU grep) 3.8\n');
        return 0;
      case 'E': case 'F': case 'G':
        // grep.c: a second, different matcher option is an error
        if (matcherSet && o.mode !== key) {
          io.err('grep: conflicting matchers specified\n');
          return 2;
        }
        matcherSet = true;
        o.mode = key;
        break;
      case 'e': patterns.push(...(arg as string).split('\n')); havePatterns = true; break;
      case 'f': {
        const data = readOperand(arg as string, io, sys);
        if (typeof data === 'number') {
          io.err(`grep: ${arg}: ${errnoText(data)}\n`);
          return 2;
        }
        patterns.push(...lines(data));
        havePatterns = true;
        break;
      }
      case 'm': {
        if (!/^-?[0-9]+$/.test(arg as string)) {
          io.err(`grep: invalid max count\n`);
          return 2;
        }
        const m = Number(arg);
        o.max = m < 0 ? Infinity : m;
        break;
      }
      case 'R': o.r = true; break;
      case 'A': case 'B': case 'C': {
        // GNU grep: context_length_arg(); -C sets both sides, a later -A/-B overrides one
        if (!/^[0-9]+$/.test(arg as string)) {
          io.err(`grep: ${arg}: invalid context length argument\n`);
          return 2;
        }
        const n = Number(arg);
        if (key !== 'B') after = n;
        if (key !== 'A') before = n;
        break;
      }
      case 'T': case 'a': case 'Z': case 'color': break;
      default:
        (o as Record<string, unknown>)[key] = true;
    }
  }
  const operands = [...parsed.operands];
  if (!havePatterns) {
    if (operands.length === 0) {
      io.err("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
      return 2;
    }
    patterns.push(...(operands.shift() as string).split('\n'));
  }
  let regexes: Regex[];
  try {
    regexes = patterns.map((p) => {
      const options = { icase: o.i, wholeLine: o.x, wholeWord: o.w && !o.x };
      if (o.mode === 'F') return compileFixed(p, options);
      return compileRegex(p, { ...options, dialect: o.mode === 'E' ? DIALECTS.grepExtended : DIALECTS.grepBasic });
    });
  } catch (e) {
    if (!(e instanceof RegexSyntaxError)) throw e;
    io.err(`grep: ${e.message}\n`);
    return 2;
  }
  for (const w of new Set(regexes.flatMap((re) => re.warnings))) io.err(`grep: warning: ${w}\n`);
  /** Every non-empty match of any pattern, left to right (leftmost, then longest, of all patterns). */
  const onlyMatching = (line: string): string[] => {
    const found: string[] = [];
    for (let from = 0; from <= line.length; ) {
      let best: { start: number; end: number } | null = null;
      for (const re of regexes) {
        const m = re.exec(line, from, false);
        if (m && (best === null || m.start < best.start || (m.start === best.start && m.end > best.end))) best = m;
      }
      if (best === null) break;
      if (best.end > best.start) found.push(line.slice(best.start, best.end));
      from = best.end > best.start ? best.end : best.end + 1;
    }
    return found;
  };
  const files = operands.length ? operands : [o.r ? '.' : '-'];
  const withName = o.h ? false : o.H || files.length > 1 || o.r;
  let selectedAny = false;
  let error = false;
  const search = (display: string, text: string): boolean => {
    let count = 0;
    let out = '';
    const all = lines(text);
    const context = !o.o && (before > 0 || after > 0);
    /** Index of the last line printed, for "--" between groups and to never print a line twice. */
    let printed = -1;
    let trailing = 0;
    const emit = (n: number, sep: ':' | '-'): void => {
      if (context && printed >= 0 && n > printed + 1) out += '--\n';
      out += (withName ? `${display}${sep}` : '') + (o.n ? `${n + 1}${sep}` : '') + `${all[n]}\n`;
      printed = n;
    };
    for (let n = 0; n < all.length; n++) {
      const line = all[n];
      if (count >= o.max) {
        // grep -m stops selecting but still prints the trailing context of the last match
        if (trailing-- > 0 && !(o.q || o.c || o.l || o.L)) emit(n, '-');
        else break;
        continue;
      }
      let matches: string[] = [];
      const hit = regexes.some((re) => re.test(line));
      if (hit && o.o && !o.v) matches = onlyMatching(line);
      if (hit === o.v) {
        if (context && trailing > 0 && !(o.c || o.l || o.L)) {
          trailing--;
          emit(n, '-');
        }
        continue;
      }
      count++;
      if (o.q) return true;
      if (o.c || o.l || o.L) continue;
      if (o.o) {
        const prefix = (withName ? `${display}:` : '') + (o.n ? `${n + 1}:` : '');
        if (!o.v) for (const m of matches) out += `${prefix}${m}\n`;
        continue;
      }
      for (let b = Math.max(printed + 1, n - before); b < n; b++) emit(b, '-');
      emit(n, ':');
      trailing = after;
    }
    if (o.c) out += (withName ? `${display}:` : '') + `${count}\n`;
    if (o.l && count > 0) out += `${display}\n`;
    if (o.L && count === 0) out += `${display}\n`;
    io.out(out);
    return count > 0;
  };
  const visit = (name: string, top: boolean): boolean => {
    const display = name === '-' ? '(standard input)' : name;
    if (name !== '-') {
      const path = sys.resolve(name);
      const st = sys.fs.stat(path);
      if (typeof st === 'number') {
        if (!o.s) io.err(`grep: ${name}: ${errnoText(st)}\n`);
        error = true;
        return false;
      }
      if (st.type === 'dir') {
        if (!o.r) {
          if (!o.s) io.err(`grep: ${name}: Is a directory\n`);
          error = true;
          return false;
        }
        const names = sys.fs.list(path);
        if (typeof names === 'number') {
          if (!o.s) io.err(`grep: ${name}: ${errnoText(names)}\n`);
          error = true;
          return false;
        }
        let any = false;
        for (const child of names) {
          if (visit(name.endsWith('/') ? name + child : `${name}/${child}`, false)) {
            any = true;
            if (o.q) return true;
          }
        }
        return any;
      }
      if (!top && st.type === 'symlink' ) return false;
    }
    const data = readOperand(name, io, sys);
    if (typeof data === 'number') {
      if (!o.s) io.err(`grep: ${display}: ${errnoText(data)}\n`);
      error = true;
      return false;
    }
    return search(display, data);
  };
  try {
    for (const f of files) {
      if (visit(f, true)) {
        selectedAny = true;
        if (o.q) return 0;
      }
    }
  } catch (e) {
    if (!(e instanceof BacktrackBudgetExceeded)) throw e;
    // dfasearch.c: re_search() < -1 → xalloc_die()
    io.err('grep: memory exhausted\n');
    return 2;
  }
  if (error && !(o.q && selectedAny)) return 2;
  return selectedAny ? 0 : 1;
}

export const grep: Tool = { name: 'grep', main, summary: 'print lines that match patterns' };
