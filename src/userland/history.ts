/**
 * history, the bash builtin, over the scope's shared history: bash numbers entries with
 * "%5d  "; since several people share this machine, each line also names who ran it:
 * "    1  alice  insmod hello.ko". `history N` shows the last N; -c cannot clear a shared
 * history here (it is kept by the chat, not by this shell) and is refused as bash refuses
 * a bad option.
 */
import type { Io, System, Tool } from './tool';

export function main(argv: string[], io: Io, sys: System): number {
  const args = argv.slice(1);
  if (args[0] === '--') args.shift();
  if (args.length > 0 && args[0].startsWith('-') && !/^-[0-9]+$/.test(args[0])) {
    io.err(`history: ${args[0].slice(0, 2)}: invalid option\nhistory: usage: history [-c] [-d offset] [n] or history -anrw [filename] or history -ps arg [arg...]\n`);
    return 2;
  }
  if (args.length > 1) {
    io.err('history: too many arguments\n');
    return 1;
  }
  let count = sys.history.length;
  if (args.length === 1) {
    if (!/^[0-9]+$/.test(args[0])) {
      io.err(`history: ${args[0]}: numeric argument required\n`);
      return 1;
    }
    count = Math.min(count, Number(args[0]));
  }
  const first = sys.history.length - count;
  const shown = sys.history.slice(first);
  const width = Math.max(0, ...sys.history.map((h) => h.user.length));
  io.out(shown.map((h, n) => `${String(first + n + 1).padStart(5)}  ${h.user.padEnd(width)}  ${h.line}\n`).join(''));
  return 0;
}

export const history: Tool = { name: 'history', main, summary: 'show the commands run on this machine, and who ran them' };
