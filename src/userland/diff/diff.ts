/**
 * diff(1) of GNU diffutils 3.8: two files (or directories, recursively with -r) compared
 * line by line; normal output, -u/-U N unified and -c/-C N context formats with their
 * "%Y-%m-%d %H:%M:%S.%N %z" header times, -q, "\ No newline at end of file", binary files
 * by a NUL byte. Exit status 0 when the same, 1 when different, 2 on trouble.
 */
import type { FileStat } from '../../kernel/filetree';
import type { Io, System, Tool } from '../tool';
import { getopt, type LongOption } from '../getopt';
import { errnoText, statFollow } from '../files';
import { diffLines } from './myers';

const LONG: LongOption[] = [
  { name: 'brief', has: 'none', key: 'q' },
  { name: 'unified', has: 'optional', key: 'U' },
  { name: 'context', has: 'optional', key: 'C' },
  { name: 'recursive', has: 'none', key: 'r' },
  { name: 'report-identical-files', has: 'none', key: 's' },
  { name: 'new-file', has: 'none', key: 'N' },
  { name: 'text', has: 'none', key: 'a' },
  { name: 'ignore-case', has: 'none', key: 'i' },
  { name: 'ignore-all-space', has: 'none', key: 'w' },
  { name: 'ignore-space-change', has: 'none', key: 'b' },
  { name: 'ignore-blank-lines', has: 'none', key: 'B' },
  { name: 'normal', has: 'none', key: 'normal' },
  { name: 'help', has: 'none', key: 'help' },
  { name: 'version', has: 'none', key: 'v' },
];

/** The last line when it has no newline carries this mark, so "a" and "a\n" differ as in diff. */
const NO_EOL = '\u0000';

type Format = 'normal' | 'unified' | 'context';

interface Options {
  format: Format;
  context: number;
  brief: boolean;
  recursive: boolean;
  reportSame: boolean;
  newFile: boolean;
  text: boolean;
  icase: boolean;
  ignoreAllSpace: boolean;
  ignoreSpaceChange: boolean;
  /** The options as typed, for the "diff -r a/x b/x" lines between files of directories. */
  switches: string[];
}

interface Block {
  a0: number;
  a1: number;
  b0: number;
  b1: number;
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  else lines[lines.length - 1] += NO_EOL;
  return lines;
}

function show(prefix: string, line: string): string {
  if (line.endsWith(NO_EOL)) return `${prefix}${line.slice(0, -1)}\n\\ No newline at end of file\n`;
  return `${prefix}${line}\n`;
}

function blocksOf(deleted: boolean[], inserted: boolean[]): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  let j = 0;
  const n = deleted.length;
  const m = inserted.length;
  while (i < n || j < m) {
    if ((i < n && deleted[i]) || (j < m && inserted[j])) {
      const b: Block = { a0: i, a1: i, b0: j, b1: j };
      while ((i < n && deleted[i]) || (j < m && inserted[j])) {
        while (i < n && deleted[i]) i++;
        while (j < m && inserted[j]) j++;
      }
      b.a1 = i;
      b.b1 = j;
      blocks.push(b);
    } else {
      i++;
      j++;
    }
  }
  return blocks;
}

/** print_number_range: "A,B" or just "B". */
function range(a: number, b: number): string {
  return a < b ? `${a},${b}` : `${b}`;
}

function normal(a: string[], b: string[], blocks: Block[]): string {
  let out = '';
  for (const k of blocks) {
    const del = k.a1 > k.a0;
    const ins = k.b1 > k.b0;
    const cmd = del && ins ? 'c' : del ? 'd' : 'a';
    out += `${range(k.a0 + 1, k.a1)}${cmd}${range(k.b0 + 1, k.b1)}\n`;
    for (let i = k.a0; i < k.a1; i++) out += show('< ', a[i]);
    if (del && ins) out += '---\n';
    for (let j = k.b0; j < k.b1; j++) out += show('> ', b[j]);
  }
  return out;
}

/** Blocks grouped into hunks: changes at most 2×CONTEXT lines apart share one. */
function hunks(blocks: Block[], context: number): Block[][] {
  const out: Block[][] = [];
  for (const k of blocks) {
    const last = out[out.length - 1];
    if (last && k.a0 - last[last.length - 1].a1 <= 2 * context) last.push(k);
    else out.push([k]);
  }
  return out;
}

function hunkBounds(h: Block[], context: number, n: number, m: number): Block {
  const first = h[0];
  const last = h[h.length - 1];
  const lead = Math.min(context, first.a0, first.b0);
  const trail = Math.min(context, n - last.a1, m - last.b1);
  return { a0: first.a0 - lead, a1: last.a1 + trail, b0: first.b0 - lead, b1: last.b1 + trail };
}

/** print_unidiff_number_range. */
function uniRange(start: number, count: number): string {
  if (count === 0) return `${start},0`;
  if (count === 1) return `${start + 1}`;
  return `${start + 1},${count}`;
}

function unified(a: string[], b: string[], blocks: Block[], context: number): string {
  let out = '';
  for (const h of hunks(blocks, context)) {
    const r = hunkBounds(h, context, a.length, b.length);
    out += `@@ -${uniRange(r.a0, r.a1 - r.a0)} +${uniRange(r.b0, r.b1 - r.b0)} @@\n`;
    let i = r.a0;
    for (const k of h) {
      for (; i < k.a0; i++) out += show(' ', a[i]);
      for (let x = k.a0; x < k.a1; x++) out += show('-', a[x]);
      for (let y = k.b0; y < k.b1; y++) out += show('+', b[y]);
      i = k.a1;
    }
    for (; i < r.a1; i++) out += show(' ', a[i]);
  }
  return out;
}

function context(a: string[], b: string[], blocks: Block[], ctx: number): string {
  let out = '';
  for (const h of hunks(blocks, ctx)) {
    const r = hunkBounds(h, ctx, a.length, b.length);
    out += '***************\n';
    out += `*** ${range(r.a0 + 1, r.a1)} ****\n`;
    if (h.some((k) => k.a1 > k.a0)) {
      let i = r.a0;
      for (const k of h) {
        for (; i < k.a0; i++) out += show('  ', a[i]);
        const mark = k.b1 > k.b0 ? '! ' : '- ';
        for (let x = k.a0; x < k.a1; x++) out += show(mark, a[x]);
        i = k.a1;
      }
      for (; i < r.a1; i++) out += show('  ', a[i]);
    }
    out += `--- ${range(r.b0 + 1, r.b1)} ----\n`;
    if (h.some((k) => k.b1 > k.b0)) {
      let j = r.b0;
      for (const k of h) {
        for (; j < k.b0; j++) out += show('  ', b[j]);
        const mark = k.a1 > k.a0 ? '! ' : '+ ';
        for (let y = k.b0; y < k.b1; y++) out += show(mark, b[y]);
        j = k.b1;
      }
      for (; j < r.b1; j++) out += show('  ', b[j]);
    }
  }
  return out;
}

/** "%Y-%m-%d %H:%M:%S.%N %z" in UTC, the machine's zone. */
function stamp(ms: number): string {
  const d = new Date(ms);
  const p = (x: number, w = 2): string => String(x).padStart(w, '0');
  const ns = p(d.getUTCMilliseconds(), 3) + '000000';
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${ns} +0000`;
}

class Diff {
  status = 0;

  constructor(
    private readonly o: Options,
    private readonly io: Io,
    private readonly sys: System,
  ) {}

  private trouble(text: string): void {
    this.io.err(`diff: ${text}\n`);
    this.status = 2;
  }

  private differ(): void {
    if (this.status < 1) this.status = 1;
  }

  private key(line: string): string {
    let k = line;
    if (this.o.ignoreAllSpace) k = k.replace(/[ \t\f\v\r]+/g, '');
    else if (this.o.ignoreSpaceChange) k = k.replace(/[ \t\f\v\r]+/g, ' ').replace(/ (\u0000?)$/, '$1');
    if (this.o.icase) k = k.toLowerCase();
    return k;
  }

  /** Compare two regular files (or stdin); HEADER is the "diff -r …" line for directory runs. */
  files(nameA: string, nameB: string, header: string | null): void {
    const read = (name: string): { text: string; stat: FileStat | null } | null => {
      if (name === '-') return { text: this.io.stdin, stat: null };
      const path = this.sys.resolve(name);
      const data = this.sys.fs.read(path);
      if (typeof data === 'number') {
        if (this.o.newFile && data === -2) return { text: '', stat: null };
        this.trouble(`${name}: ${errnoText(data)}`);
        return null;
      }
      const st = statFollow(this.sys, path);
      return { text: data, stat: typeof st === 'number' ? null : st };
    };
    const fa = read(nameA);
    const fb = read(nameB);
    if (fa === null || fb === null) return;
    if (fa.text === fb.text) {
      if (this.o.reportSame) this.io.out(`Files ${nameA} and ${nameB} are identical\n`);
      return;
    }
    const binary = !this.o.text && (fa.text.includes('\0') || fb.text.includes('\0'));
    if (this.o.brief || binary) {
      this.io.out(binary && !this.o.brief ? `Binary files ${nameA} and ${nameB} differ\n` : `Files ${nameA} and ${nameB} differ\n`);
      this.differ();
      return;
    }
    const a = splitLines(fa.text);
    const b = splitLines(fb.text);
    const ka = a.map((l) => this.key(l));
    const kb = b.map((l) => this.key(l));
    const { deleted, inserted } = diffLines(ka, kb);
    const blocks = blocksOf(deleted, inserted);
    if (blocks.length === 0) return;
    this.differ();
    let out = header !== null ? header + '\n' : '';
    const now = Date.now();
    if (this.o.format === 'unified') {
      out += `--- ${nameA}\t${stamp(fa.stat?.mtime ?? now)}\n+++ ${nameB}\t${stamp(fb.stat?.mtime ?? now)}\n`;
      out += unified(a, b, blocks, this.o.context);
    } else if (this.o.format === 'context') {
      out += `*** ${nameA}\t${stamp(fa.stat?.mtime ?? now)}\n--- ${nameB}\t${stamp(fb.stat?.mtime ?? now)}\n`;
      out += context(a, b, blocks, this.o.context);
    } else out += normal(a, b, blocks);
    this.io.out(out);
  }

  /** Compare two directories entry by entry (diff's diff_dirs), names in byte order. */
  dirs(a: string, b: string, depth: number): void {
    if (depth > 64) return;
    const la = this.sys.fs.list(this.sys.resolve(a));
    const lb = this.sys.fs.list(this.sys.resolve(b));
    if (typeof la === 'number') return this.trouble(`${a}: ${errnoText(la)}`);
    if (typeof lb === 'number') return this.trouble(`${b}: ${errnoText(lb)}`);
    const names = [...new Set([...la, ...lb])].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    for (const name of names) {
      const pa = `${a.replace(/\/+$/, '')}/${name}`;
      const pb = `${b.replace(/\/+$/, '')}/${name}`;
      const sa = la.includes(name) ? statFollow(this.sys, this.sys.resolve(pa)) : -2;
      const sb = lb.includes(name) ? statFollow(this.sys, this.sys.resolve(pb)) : -2;
      if (typeof sa === 'number' || typeof sb === 'number') {
        if (this.o.newFile && (typeof sa !== 'number' || typeof sb !== 'number')) {
          this.files(pa, pb, `diff ${[...this.o.switches, pa, pb].join(' ')}`);
          continue;
        }
        this.io.out(`Only in ${typeof sa === 'number' ? b : a}: ${name}\n`);
        this.differ();
        continue;
      }
      const da = sa.type === 'dir';
      const db = sb.type === 'dir';
      if (da && db) {
        if (this.o.recursive) this.dirs(pa, pb, depth + 1);
        else this.io.out(`Common subdirectories: ${pa} and ${pb}\n`);
      } else if (da !== db) {
        this.io.out(`File ${da ? pa : pb} is a directory while file ${da ? pb : pa} is a regular file\n`);
        this.differ();
      } else {
        this.files(pa, pb, this.o.brief ? null : `diff ${[...this.o.switches, pa, pb].join(' ')}`);
      }
    }
  }
}

export function main(argv: string[], io: Io, sys: System): number {
  const parsed = getopt(argv, '0123456789abBcC:dEiNqrsStTuU:vwx:X:', LONG);
  const tryHelp = (): number => {
    io.err("diff: Try 'diff --help' for more information.\n");
    return 2;
  };
  if (!parsed.ok) {
    io.err(parsed.message);
    return tryHelp();
  }
  const o: Options = { format: 'normal', context: 3, brief: false, recursive: false, reportSame: false, newFile: false, text: false, icase: false, ignoreAllSpace: false, ignoreSpaceChange: false, switches: [] };
  // diff.c's switch_string: the option words as typed, for "diff -ru a/f b/f" lines
  const operandsLeft = [...parsed.operands];
  for (const word of argv.slice(1)) {
    const k = operandsLeft.indexOf(word);
    if (k >= 0 && !word.startsWith('-')) operandsLeft.splice(k, 1);
    else if (word !== '--') o.switches.push(word);
  }
  for (const opt of parsed.options) {
    switch (opt.key) {
      case 'help':
        io.out('Usage: diff [OPTION]... FILES\nCompare FILES line by line.\n');
        return 0;
      case 'v':
        io.out('diff (GNU diffutils) 3.8\n');
        return 0;
      case 'u':
        o.format = 'unified';
        break;
      case 'c':
        o.format = 'context';
        break;
      case 'U':
      case 'C': {
        o.format = opt.key === 'U' ? 'unified' : 'context';
        if (opt.arg !== undefined) {
          if (!/^[0-9]+$/.test(opt.arg)) {
            io.err(`diff: invalid context length '${opt.arg}'\n`);
            return tryHelp();
          }
          o.context = parseInt(opt.arg, 10);
        }
        break;
      }
      case 'normal':
        o.format = 'normal';
        break;
      case 'q':
        o.brief = true;
        break;
      case 'r':
        o.recursive = true;
        break;
      case 's':
        o.reportSame = true;
        break;
      case 'N':
        o.newFile = true;
        break;
      case 'a':
        o.text = true;
        break;
      case 'i':
        o.icase = true;
        break;
      case 'w':
        o.ignoreAllSpace = true;
        break;
      case 'b':
        o.ignoreSpaceChange = true;
        break;
      default:
        break;
    }
  }
  const ops = parsed.operands;
  if (ops.length < 2) {
    io.err(ops.length === 0 ? "diff: missing operand after 'diff'\n" : `diff: missing operand after '${ops[0]}'\n`);
    return tryHelp();
  }
  if (ops.length > 2) {
    io.err(`diff: extra operand '${ops[2]}'\n`);
    return tryHelp();
  }
  const d = new Diff(o, io, sys);
  const [a, b] = ops;
  const st = (name: string): FileStat | number => (name === '-' ? -1 : statFollow(sys, sys.resolve(name)));
  const sa = st(a);
  const sb = st(b);
  const isDir = (s: FileStat | number): boolean => typeof s !== 'number' && s.type === 'dir';
  if (isDir(sa) && isDir(sb)) d.dirs(a, b, 0);
  else if (isDir(sa) && b !== '-') d.files(`${a.replace(/\/+$/, '')}/${baseOf(b)}`, b, null);
  else if (isDir(sb) && a !== '-') d.files(a, `${b.replace(/\/+$/, '')}/${baseOf(a)}`, null);
  else d.files(a, b, null);
  return d.status;
}

function baseOf(p: string): string {
  const t = p.replace(/\/+$/, '');
  return t.slice(t.lastIndexOf('/') + 1);
}

export const diff: Tool = { name: 'diff', main, summary: 'compare files line by line' };
