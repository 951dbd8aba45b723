/**
 * read (bash 5.2 builtins/read.def): one line of the shell's standard input (up to -d's
 * delimiter or -n's count), backslash escapes removed unless -r, split on IFS into the
 * names (the last one takes the rest), REPLY without names. Status 1 at end of input.
 * Only fd 0 exists and it is never a terminal, so -p prints nothing and -t never expires.
 */
import type { Io } from '../userland/tool';
import type { Builtin, BuiltinContext } from './builtins';
import { legalNumber } from './test';

const USAGE = 'read: usage: read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]\n';
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const IFS_WHITESPACE = ' \t\n';

interface ReadOptions {
  raw: boolean;
  delim: string;
  nchars: number | null;
  /** -N: exactly nchars, the delimiter is an ordinary character. */
  exact: boolean;
  array: string | null;
}

/** The options, or the status of a usage error once its message is printed. */
function parseOptions(argv: string[], io: Io, prefix: string): { options: ReadOptions; names: string[] } | number {
  const options: ReadOptions = { raw: false, delim: '\n', nchars: null, exact: false, array: null };
  let i = 1;
  for (; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      i++;
      break;
    }
    if (!arg.startsWith('-') || arg === '-') break;
    for (let j = 1; j < arg.length; j++) {
      const c = arg[j];
      if (c === 'r' || c === 'e' || c === 's') {
        if (c === 'r') options.raw = true;
        continue;
      }
      if (!'adinNptu'.includes(c)) {
        io.err(`${prefix}read: -${c}: invalid option\n${USAGE}`);
        return 2;
      }
      let value = arg.slice(j + 1);
      if (value === '') {
        if (++i >= argv.length) {
          io.err(`${prefix}read: -${c}: option requires an argument\n${USAGE}`);
          return 2;
        }
        value = argv[i];
      }
      if (c === 'd') options.delim = value === '' ? '\0' : value[0];
      else if (c === 'a') options.array = value;
      else if (c === 'n' || c === 'N') {
        const n = legalNumber(value);
        if (n === null || n < 0n) {
          io.err(`${prefix}read: ${value}: invalid number\n`);
          return 1;
        }
        options.nchars = Number(n);
        options.exact = c === 'N';
      } else if (c === 't' && !/^[0-9]*\.?[0-9]*$/.test(value)) {
        io.err(`${prefix}read: ${value}: invalid timeout specification\n`);
        return 1;
      } else if (c === 'u') {
        const fd = legalNumber(value);
        if (fd === null || fd < 0n) {
          io.err(`${prefix}read: ${value}: invalid file descriptor specification\n`);
          return 1;
        }
        if (fd !== 0n) {
          io.err(`${prefix}read: ${value}: invalid file descriptor: Bad file descriptor\n`);
          return 1;
        }
      }
      break;
    }
  }
  return { options, names: argv.slice(i) };
}

function read(argv: string[], io: Io, ctx: BuiltinContext): number {
  const parsed = parseOptions(argv, io, ctx.prefix);
  if (typeof parsed === 'number') return parsed;
  const { options, names } = parsed;
  for (const name of [...names, ...(options.array === null ? [] : [options.array])]) {
    if (!IDENT.test(name)) {
      io.err(`${ctx.prefix}read: \`${name}': not a valid identifier\n`);
      return 1;
    }
  }
  let line = '';
  /** Characters a backslash protected from IFS splitting. */
  const escaped: boolean[] = [];
  let status = 0;
  for (;;) {
    if (options.nchars !== null && line.length >= options.nchars) break;
    const c = ctx.input.next();
    if (c === undefined) {
      status = 1;
      break;
    }
    if (c === '\\' && !options.raw) {
      const next = ctx.input.next();
      if (next === undefined) {
        status = 1;
        break;
      }
      if (next === '\n') continue;
      line += next;
      escaped.push(true);
      continue;
    }
    if (c === options.delim && !options.exact) break;
    line += c;
    escaped.push(false);
  }
  const env = ctx.sys.env;
  if (names.length === 0 && options.array === null) {
    env.REPLY = line;
    return status;
  }
  const ifs = env.IFS ?? IFS_WHITESPACE;
  const delimiter = (k: number): boolean => !escaped[k] && ifs.includes(line[k]);
  const blank = (k: number): boolean => delimiter(k) && IFS_WHITESPACE.includes(line[k]);
  let k = 0;
  while (k < line.length && blank(k)) k++;
  const fields: string[] = [];
  const wanted = options.array === null ? names.length : Number.MAX_SAFE_INTEGER;
  while (fields.length < wanted && (k < line.length || fields.length < names.length)) {
    if (fields.length === wanted - 1) {
      // The last name takes the rest of the line, less trailing IFS whitespace.
      let end = line.length;
      while (end > k && blank(end - 1)) end--;
      fields.push(line.slice(k, end));
      break;
    }
    const start = k;
    while (k < line.length && !delimiter(k)) k++;
    fields.push(line.slice(start, k));
    while (k < line.length && blank(k)) k++;
    if (k < line.length && delimiter(k) && !blank(k)) {
      k++;
      while (k < line.length && blank(k)) k++;
    }
    if (options.array !== null && k >= line.length) break;
  }
  if (options.array !== null) env[options.array] = fields[0] ?? '';
  names.forEach((name, n) => {
    env[name] = fields[n] ?? '';
  });
  return status;
}

export const READ_BUILTINS: ReadonlyArray<[string, Builtin]> = [['read', read]];
