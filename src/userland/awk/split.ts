/**
 * Field and record splitting as mawk's split.c / field.c / fin.c do it: FS " " splits on runs
 * of blanks and newlines and trims, a single other character splits on itself (mawk
 * escapes a regex metacharacter), "" splits into characters, anything longer is a regular
 * expression; RS "\n" reads lines, "" paragraphs, one character splits on it, more is a
 * regular expression.
 */
import type { Regex } from '../regex/index';

export type Separator = { kind: 'space' } | { kind: 'char'; c: string } | { kind: 'empty' } | { kind: 're'; re: Regex };

/** S split by SEP; PARAGRAPH adds newline as a separator (RS "" mode). */
export function splitFields(s: string, sep: Separator, paragraph = false): string[] {
  switch (sep.kind) {
    case 'space': {
      const parts = s.split(/[ \t\n]+/);
      if (parts[0] === '') parts.shift();
      if (parts.length && parts[parts.length - 1] === '') parts.pop();
      return parts;
    }
    case 'empty':
      return s === '' ? [] : s.split('');
    case 'char':
      if (s === '') return [];
      if (paragraph && sep.c !== '\n') return s.split('\n').flatMap((l) => l.split(sep.c));
      return s.split(sep.c);
    case 're': {
      if (s === '') return [];
      const lines = paragraph ? s.split('\n') : [s];
      const out: string[] = [];
      for (const line of lines) out.push(...reSplit(line, sep.re));
      return out;
    }
  }
}

/** S split at each non-empty match of RE. */
export function reSplit(s: string, re: Regex): string[] {
  const out: string[] = [];
  let from = 0;
  let at = 0;
  while (at <= s.length) {
    const m = re.exec(s, at, false);
    if (m === null) break;
    if (m.end === m.start) {
      at = m.start + 1;
      continue;
    }
    out.push(s.slice(from, m.start));
    from = m.end;
    at = m.end;
  }
  out.push(s.slice(from));
  return out;
}

/** Reads records out of one input's text, with the RS in force at each read. */
export class RecordReader {
  private pos = 0;

  constructor(private readonly text: string) {}

  /** The next record, or null at the end of the input. */
  next(rs: string, rsRegex: () => Regex): string | null {
    const t = this.text;
    if (rs === '') {
      while (this.pos < t.length && t[this.pos] === '\n') this.pos++;
      if (this.pos >= t.length) return null;
      const m = /\n\n+/g;
      m.lastIndex = this.pos;
      const found = m.exec(t);
      if (found === null) {
        let rec = t.slice(this.pos);
        this.pos = t.length;
        if (rec.endsWith('\n')) rec = rec.slice(0, -1);
        return rec;
      }
      const rec = t.slice(this.pos, found.index);
      this.pos = found.index + found[0].length;
      return rec;
    }
    if (this.pos >= t.length) return null;
    if (rs.length === 1) {
      const k = t.indexOf(rs, this.pos);
      if (k < 0) {
        const rec = t.slice(this.pos);
        this.pos = t.length;
        return rec;
      }
      const rec = t.slice(this.pos, k);
      this.pos = k + 1;
      return rec;
    }
    const re = rsRegex();
    let at = this.pos;
    for (;;) {
      const m = re.exec(t, at, false);
      if (m === null) break;
      if (m.end === m.start) {
        at = m.start + 1;
        if (at > t.length) break;
        continue;
      }
      const rec = t.slice(this.pos, m.start);
      this.pos = m.end;
      return rec;
    }
    const rec = t.slice(this.pos);
    this.pos = t.length;
    return rec;
  }
}
