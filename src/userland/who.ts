/**
 * who(1) of GNU coreutils 9.1: the logins of this machine (each chat user who ran something
 * here has one, with the chat name as the remote host), in the C locale's layout
 * ("%-8s %-12s %b %e %H:%M (%s)"), checked against coreutils' who on a utmp file.
 * -H prints the heading, -m and `who am i` only the invoking login.
 */
import type { Io, Login, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { tryHelp } from './files';

const LONG: LongOption[] = [
  { name: 'heading', has: 'none', key: 'H' },
  { name: 'help', has: 'none', key: 'help' },
  { name: 'version', has: 'none', key: 'version' },
];

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** strftime "%b %e %H:%M" in UTC, the machine's zone. */
function loginTime(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

function line(login: Login): string {
  return `${login.user.padEnd(8)} ${login.tty.padEnd(12)} ${loginTime(login.since)} (${login.host})\n`;
}

export function main(argv: string[], io: Io, sys: System): number {
  const parsed = getopt(argv, 'Hm', LONG);
  if (!parsed.ok) {
    io.err(parsed.message);
    return tryHelp(io, 'who');
  }
  let heading = false;
  let mine = false;
  for (const { key } of parsed.options) {
    if (key === 'help') {
      io.out('Usage: who [OPTION]... [ FILE | ARG1 ARG2 ]\nPrint information about users who are currently logged in.\n');
      return 0;
    }
    if (key === 'version') {
      io.out('who (GNU coreutils) 9.1\n');
      return 0;
    }
    if (key === 'H') heading = true;
    if (key === 'm') mine = true;
  }
  const ops = parsed.operands;
  if (ops.length > 2) {
    io.err(`who: extra operand '${ops[2]}'\n`);
    return tryHelp(io, 'who');
  }
  // Two operands ("am i") mean -m; one is another utmp file, of which this machine has none.
  if (ops.length === 2) mine = true;
  if (heading) io.out(`${'NAME'.padEnd(8)} ${'LINE'.padEnd(12)} ${'TIME'.padEnd(12)} COMMENT\n`);
  if (ops.length === 1) return 0;
  for (const login of sys.logins) if (!mine || login.tty === sys.tty) io.out(line(login));
  return 0;
}

export const who: Tool = { name: 'who', main, summary: 'show who is logged on' };
