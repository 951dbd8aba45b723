/**
 * xargs(1) of GNU findutils 4.9.0: arguments from standard input (blank-separated with
 * quotes and backslashes, or -0 / -d DELIM items, or -I's whole lines) appended to a command
 * (echo by default), -n/-L per invocation, -r, -t. Exit statuses as xargs.c: 123 when an
 * invocation failed with 1-125, 124 when one exited 255 (xargs stops), 126 when the command
 * cannot run, 127 when it is not found.
 */
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { errnoText } from './files';

const LONG: LongOption[] = [
  { name: 'null', has: 'none', key: '0' },
  { name: 'arg-file', has: 'required', key: 'a' },
  { name: 'delimiter', has: 'required', key: 'd' },
  { name: 'eof', has: 'optional', key: 'e' },
  { name: 'replace', has: 'optional', key: 'i' },
  { name: 'max-lines', has: 'optional', key: 'l' },
  { name: 'max-args', has: 'required', key: 'n' },
  { name: 'interactive', has: 'none', key: 'p' },
  { name: 'no-run-if-empty', has: 'none', key: 'r' },
  { name: 'max-chars', has: 'required', key: 's' },
  { name: 'verbose', has: 'none', key: 't' },
  { name: 'show-limits', has: 'none', key: 'show-limits' },
  { name: 'exit', has: 'none', key: 'x' },
  { name: 'max-procs', has: 'required', key: 'P' },
  { name: 'process-slot-var', has: 'required', key: 'process-slot-var' },
  { name: 'open-tty', has: 'none', key: 'o' },
  { name: 'help', has: 'none', key: 'help' },
  { name: 'version', has: 'none', key: 'version' },
];

class XargsError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** One input item, and whether a newline ended its line (for -L). */
interface Item {
  text: string;
  eol: boolean;
}

/** read_line(): blank-separated words with '…', "…" and \ quoting. */
function readWords(input: string): Item[] {
  const items: Item[] = [];
  let word = '';
  let have = false;
  let i = 0;
  while (i < input.length) {
    const c = input[i];
    if (c === '\n' || c === ' ' || c === '\t') {
      if (have) items.push({ text: word, eol: c === '\n' && !/[ \t]$/.test(word) });
      else if (c === '\n' && items.length) items[items.length - 1].eol = true;
      word = '';
      have = false;
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      const end = input.indexOf(c, i + 1);
      const nl = input.indexOf('\n', i + 1);
      if (end < 0 || (nl >= 0 && nl < end)) {
        throw new XargsError(`unmatched ${c === "'" ? 'single' : 'double'} quote; by default quotes are special to xargs unless you use the -0 option`, 1);
      }
      word += input.slice(i + 1, end);
      have = true;
      i = end + 1;
      continue;
    }
    if (c === '\\' && i + 1 < input.length) {
      word += input[i + 1];
      have = true;
      i += 2;
      continue;
    }
    word += c;
    have = true;
    i++;
  }
  if (have) items.push({ text: word, eol: true });
  return items;
}

function delimiter(spec: string): string | null {
  if (spec.length === 1) return spec;
  const map: Record<string, string> = { '\\n': '\n', '\\t': '\t', '\\0': '\0', '\\\\': '\\', '\\a': '\x07', '\\b': '\b', '\\f': '\f', '\\r': '\r', '\\v': '\v' };
  if (spec in map) return map[spec];
  const oct = /^\\([0-7]{1,3})$/.exec(spec);
  if (oct) return String.fromCharCode(parseInt(oct[1], 8));
  const hex = /^\\x([0-9a-fA-F]{1,2})$/.exec(spec);
  if (hex) return String.fromCharCode(parseInt(hex[1], 16));
  return null;
}

export function main(argv: string[], io: Io, sys: System): number {
  const parsed = getopt(argv, '+0a:d:e::E:i::I:l::L:n:prs:txP:o', LONG);
  if (!parsed.ok) {
    io.err(parsed.message);
    io.err('Usage: xargs [OPTION]... COMMAND [INITIAL-ARGS]...\nTry \'xargs --help\' for more information.\n');
    return 1;
  }
  let sep: string | null = null;
  let maxArgs = 0;
  let maxLines = 0;
  let replace: string | null = null;
  let noRunEmpty = false;
  let verbose = false;
  for (const { key, arg, spelled } of parsed.options) {
    switch (key) {
      case 'help':
        io.out('Usage: xargs [OPTION]... COMMAND [INITIAL-ARGS]...\nRun COMMAND with arguments INITIAL-ARGS and more arguments read from input.\n');
        return 0;
      case 'version':
        io.out('xargs (GNU findutils) 4.9.0\n');
        return 0;
      case '0':
        sep = '\0';
        break;
      case 'd': {
        const d = delimiter(arg ?? '');
        if (d === null) {
          io.err(`xargs: invalid input delimiter specification ${arg}: the delimiter must be either a single character or an escape sequence starting with \\.\n`);
          return 1;
        }
        sep = d;
        break;
      }
      case 'n':
      case 'L':
      case 'l': {
        const v = arg === undefined && key === 'l' ? 1 : Number(arg);
        if (!Number.isInteger(v) || v < 1) {
          io.err(`xargs: invalid number "${arg}" for ${spelled} option\n`);
          return 1;
        }
        if (key === 'n') {
          maxArgs = v;
          maxLines = 0;
        } else {
          maxLines = v;
          maxArgs = 0;
        }
        break;
      }
      case 'I':
      case 'i':
        replace = arg ?? '{}';
        maxLines = 1;
        maxArgs = 0;
        break;
      case 'r':
        noRunEmpty = true;
        break;
      case 't':
        verbose = true;
        break;
      default:
        break;
    }
  }
  const command = parsed.operands.length ? parsed.operands : ['echo'];
  let items: Item[];
  try {
    const input = io.stdin;
    if (replace !== null && sep === null) {
      // -I: each line is one item, leading blanks dropped
      items = input.split('\n').filter((l, k, all) => k < all.length - 1 || l !== '').map((l) => ({ text: l.replace(/^[ \t]+/, ''), eol: true })).filter((it) => it.text !== '');
    } else if (sep !== null) {
      const parts = input.split(sep);
      if (parts[parts.length - 1] === '') parts.pop();
      items = parts.map((t) => ({ text: t, eol: true }));
    } else items = readWords(input);
  } catch (e) {
    if (e instanceof XargsError) {
      io.err(`xargs: ${e.message}\n`);
      return e.status;
    }
    throw e;
  }
  // group the items into invocations
  const groups: string[][] = [];
  if (replace !== null) {
    for (const it of items) groups.push(command.map((a) => a.split(replace as string).join(it.text)));
  } else if (maxLines > 0) {
    let cur: string[] = [];
    let lines = 0;
    for (const it of items) {
      cur.push(it.text);
      if (it.eol && ++lines >= maxLines) {
        groups.push([...command, ...cur]);
        cur = [];
        lines = 0;
      }
    }
    if (cur.length) groups.push([...command, ...cur]);
  } else if (maxArgs > 0) {
    for (let k = 0; k < items.length; k += maxArgs) groups.push([...command, ...items.slice(k, k + maxArgs).map((it) => it.text)]);
  } else if (items.length) groups.push([...command, ...items.map((it) => it.text)]);
  if (groups.length === 0 && !noRunEmpty && replace === null) groups.push([...command]);
  let status = 0;
  for (const g of groups) {
    if (verbose) io.err(g.join(' ') + '\n');
    const self = sys.kernel.processes.current;
    if (self) self.childSignal = undefined;
    const rc = sys.exec(g, { stdin: '', out: (t) => io.out(t), err: (t) => io.err(t) });
    const signal = self?.childSignal;
    if (rc < 0) {
      io.err(`xargs: ${g[0]}: ${errnoText(rc)}\n`);
      return 127;
    }
    if (rc === 255) {
      io.err(`xargs: ${g[0]}: exited with status 255; aborting\n`);
      return 124;
    }
    if (rc === 126 || rc === 127) return rc;
    if (signal !== undefined) {
      // a death by a signal, not an exit status above 128 (`sh -c 'exit 130'` is status 123)
      io.err(`xargs: ${g[0]}: terminated by signal ${signal}\n`);
      return 125;
    }
    if (rc !== 0) status = 123;
  }
  return status;
}

export const xargs: Tool = { name: 'xargs', main, summary: 'build and execute command lines from standard input' };
