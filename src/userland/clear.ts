/**
 * clear(1) of ncurses: writes the terminal's clear sequence (TERM=linux/xterm: cursor home,
 * erase display, erase scrollback). The shell sees it and tells the chat to start afresh.
 */
import type { Io, System, Tool } from './tool';

const CLEAR = '\x1b[H\x1b[2J\x1b[3J';

export function main(argv: string[], io: Io, _sys: System): number {
  const args = argv.slice(1);
  if (args.length > 0 && args[0] !== '-x') {
    if (args[0] === '-V') {
      io.out('ncurses 6.4.20221231\n');
      return 0;
    }
    io.err(`${argv[0]}: invalid option -- '${args[0].replace(/^-/, '').charAt(0)}'\nUsage: clear [options]\n\nOptions:\n  -T TERM     use this instead of $TERM\n  -V          print curses-version\n  -x          do not try to clear scrollback\n`);
    return 1;
  }
  io.out(args[0] === '-x' ? '\x1b[H\x1b[2J' : CLEAR);
  return 0;
}

export const clear: Tool = { name: 'clear', main, summary: 'clear the terminal screen' };
