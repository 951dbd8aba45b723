/**
 * cut(1) of GNU coreutils 9.1: -b/-c LIST (bytes; -c is -b in the C locale), -f LIST with
 * -d DELIM (default TAB), -s, --complement, --output-delimiter, -z. Wording from cut.c and
 * set-fields.c, checked against the real tool with LC_ALL=C.
 */
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { errnoText, readOperand, tryHelp } from './files';
import { complement, parseFieldList, selected, type FieldRange } from './set-fields';

const LONG: LongOption[] = [
  { name: 'bytes', has: 'required', key: 'b' },
  { name: 'characters', has: 'required', key: 'c' },
  { name: 'delimiter', has: 'required', key: 'd' },
  { name: 'fields', has: 'required', key: 'f' },
  { name: 'only-delimited', has: 'none', key: 's' },
  { name: 'complement', has: 'none', key: 'complement' },
  { name: 'output-delimiter', has: 'required', key: 'output-delimiter' },
  { name: 'zero-terminated', has: 'none', key: 'z' },
  { name: 'help', has: 'none', key: 'help' },
  { name: 'version', has: 'none', key: 'version' },
];

const USAGE = 'Usage: cut OPTION... [FILE]...\nPrint selected parts of lines from each FILE to standard output.\n';

function usageError(io: Io, message: string): number {
  io.err(`cut: ${message}\n`);
  return tryHelp(io, 'cut');
}

export function main(argv: string[], io: Io, sys: System): number {
  const parsed = getopt(argv, 'b:c:d:f:nsz', LONG);
  if (!parsed.ok) {
    io.err(parsed.message);
    return tryHelp(io, 'cut');
  }
  let mode: 'bytes' | 'fields' | null = null;
  let list = '';
  let delim: string | null = null;
  let onlyDelimited = false;
  let invert = false;
  let outDelim: string | null = null;
  let eol = '\n';
  for (const { key, arg } of parsed.options) {
    switch (key) {
      case 'help':
        io.out(USAGE);
        return 0;
      case 'version':
        io.out('cut (GNU coreutils) 9.1\n');
        return 0;
      case 'b':
      case 'c':
      case 'f':
        if (mode !== null) return usageError(io, 'only one list may be specified');
        mode = key === 'f' ? 'fields' : 'bytes';
        list = arg ?? '';
        break;
      case 'd':
        if ((arg ?? '').length > 1) return usageError(io, 'the delimiter must be a single character');
        delim = arg === '' ? '\0' : (arg ?? '\t');
        break;
      case 's':
        onlyDelimited = true;
        break;
      case 'complement':
        invert = true;
        break;
      case 'output-delimiter':
        outDelim = arg === '' ? '\0' : (arg ?? '');
        break;
      case 'z':
        eol = '\0';
        break;
    }
  }
  if (mode === null) return usageError(io, 'you must specify a list of bytes, characters, or fields');
  if (mode === 'bytes' && delim !== null) return usageError(io, 'an input delimiter may be specified only when operating on fields');
  if (mode === 'bytes' && onlyDelimited) return usageError(io, 'suppressing non-delimited lines makes sense\n\tonly when operating on fields');
  let ranges: FieldRange[] | string = parseFieldList(list, mode === 'fields');
  if (typeof ranges === 'string') return usageError(io, ranges);
  if (invert) ranges = complement(ranges);
  const d = delim ?? '\t';
  const od = outDelim ?? (mode === 'fields' ? d : '');
  const operands = parsed.operands.length ? parsed.operands : ['-'];
  let status = 0;
  for (const name of operands) {
    const text = readOperand(name, io, sys);
    if (typeof text === 'number') {
      io.err(`cut: ${name}: ${errnoText(text)}\n`);
      status = 1;
      continue;
    }
    if (text === '') continue;
    const records = text.split(eol);
    if (records[records.length - 1] === '') records.pop();
    let out = '';
    for (const rec of records) {
      if (mode === 'bytes') out += cutBytes(rec, ranges, od) + eol;
      else {
        const line = cutFields(rec, ranges, d, od, onlyDelimited);
        if (line !== null) out += line + eol;
      }
    }
    io.out(out);
  }
  return status;
}

/** Bytes in the ranges; with --output-delimiter, written between non-adjacent ranges. */
function cutBytes(rec: string, ranges: readonly FieldRange[], od: string): string {
  let out = '';
  for (const r of ranges) {
    if (r.lo > rec.length) break;
    const piece = rec.slice(r.lo - 1, r.hi === Infinity ? undefined : r.hi);
    out += (out !== '' && od !== '' ? od : '') + piece;
  }
  return out;
}

/** A line without the delimiter is printed whole unless -s (cut_fields). */
function cutFields(rec: string, ranges: readonly FieldRange[], d: string, od: string, only: boolean): string | null {
  if (!rec.includes(d)) return only ? null : rec;
  const parts = rec.split(d);
  return parts.filter((_, i) => selected(ranges, i + 1)).join(od);
}

export const cut: Tool = { name: 'cut', main, summary: 'remove sections from each line of files' };
