/**
 * rev(1) of util-linux 2.38.1: each line reversed, a last line without "\n" kept so.
 */
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { errnoText, readOperand } from './files';

const LONG: LongOption[] = [
  { name: 'zero', has: 'none', key: '0' },
  { name: 'help', has: 'none', key: 'h' },
  { name: 'version', has: 'none', key: 'V' },
];

export function main(argv: string[], io: Io, sys: System): number {
  const parsed = getopt(argv, 'Vh0', LONG);
  if (!parsed.ok) {
    io.err(parsed.message);
    io.err("Try 'rev --help' for more information.\n");
    return 1;
  }
  let eol = '\n';
  for (const { key } of parsed.options) {
    if (key === 'h') {
      io.out('\nUsage:\n rev [options] [<file> ...]\n\nReverse lines characterwise.\n');
      return 0;
    }
    if (key === 'V') {
      io.out('rev from util-linux 2.38.1\n');
      return 0;
    }
    if (key === '0') eol = '\0';
  }
  let status = 0;
  for (const name of parsed.operands.length ? parsed.operands : ['-']) {
    const text = readOperand(name, io, sys);
    if (typeof text === 'number') {
      io.err(`rev: cannot open ${name}: ${errnoText(text)}\n`);
      status = 1;
      continue;
    }
    io.out(text.split(eol).map((l) => [...l].reverse().join('')).join(eol));
  }
  return status;
}

export const rev: Tool = { name: 'rev', main, summary: 'reverse lines characterwise' };
