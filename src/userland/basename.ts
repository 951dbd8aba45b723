/**
 * basename(1) of GNU coreutils 9.1: NAME [SUFFIX], or -a/-s SUFFIX for several NAMEs; -z.
 */
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { tryHelp } from './files';

const LONG: LongOption[] = [
  { name: 'multiple', has: 'none', key: 'a' },
  { name: 'suffix', has: 'required', key: 's' },
  { name: 'zero', has: 'none', key: 'z' },
  { name: 'help', has: 'none', key: 'help' },
  { name: 'version', has: 'none', key: 'version' },
];

/** base_name() then strip_trailing_slashes(); "/" stays "/", "" stays "". */
export function baseName(name: string, suffix = ''): string {
  if (name === '') return '';
  const trimmed = name.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  let base = trimmed.slice(trimmed.lastIndexOf('/') + 1);
  if (suffix !== '' && base !== suffix && base.endsWith(suffix)) base = base.slice(0, -suffix.length);
  return base;
}

export function main(argv: string[], io: Io, _sys: System): number {
  const parsed = getopt(argv, '+as:z', LONG);
  if (!parsed.ok) {
    io.err(parsed.message);
    return tryHelp(io, 'basename');
  }
  let multiple = false;
  let suffix: string | null = null;
  let eol = '\n';
  for (const { key, arg } of parsed.options) {
    if (key === 'help') {
      io.out('Usage: basename NAME [SUFFIX]\n  or:  basename OPTION... NAME...\nPrint NAME with any leading directory components removed.\nIf specified, also remove a trailing SUFFIX.\n');
      return 0;
    }
    if (key === 'version') {
      io.out('basename (GNU coreutils) 9.1\n');
      return 0;
    }
    if (key === 'a') multiple = true;
    if (key === 's') {
      multiple = true;
      suffix = arg ?? '';
    }
    if (key === 'z') eol = '\0';
  }
  const ops = parsed.operands;
  if (ops.length === 0) {
    io.err('basename: missing operand\n');
    return tryHelp(io, 'basename');
  }
  if (!multiple && ops.length > 2) {
    io.err(`basename: extra operand '${ops[2]}'\n`);
    return tryHelp(io, 'basename');
  }
  if (multiple) io.out(ops.map((n) => baseName(n, suffix ?? '') + eol).join(''));
  else io.out(baseName(ops[0], ops[1] ?? '') + eol);
  return 0;
}

export const basename: Tool = { name: 'basename', main, summary: 'strip directory and suffix from filenames' };
