/**
 * uptime(1) of procps-ng 4.0.2 (Debian 12): procps_uptime_sprint() and its -p/-s variants,
 * reading /proc/uptime and /proc/loadavg as the real one does, and counting the machine's
 * logins (utmp) as `who` lists them. "0 user" is procps' own wording (users > 1 ? "users" :
 * "user"), seen on Debian 12 and in the oracle guest (no utmp there).
 */
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { now } from './files';
import { instantOfMs, strftime } from './strftime';

const LONG: LongOption[] = [
  { name: 'since', has: 'none', key: 's' },
  { name: 'help', has: 'none', key: 'h' },
  { name: 'pretty', has: 'none', key: 'p' },
  { name: 'version', has: 'none', key: 'V' },
];

const USAGE = `
Usage:
 uptime [options]

Options:
 -p, --pretty   show uptime in pretty format
 -h, --help     display this help and exit
 -s, --since    system up since
 -V, --version  output version information and exit

For more details see uptime(1).
`;

/** The first two numbers of /proc/uptime, as procps_uptime() scans them. */
function uptimeSeconds(sys: System): number {
  const text = sys.fs.read('/proc/uptime');
  return typeof text === 'string' ? Number(text.split(' ')[0]) : 0;
}

function loadavg(sys: System): [number, number, number] {
  const text = sys.fs.read('/proc/loadavg');
  if (typeof text !== 'string') return [0, 0, 0];
  const [a, b, c] = text.split(' ').map(Number);
  return [a || 0, b || 0, c || 0];
}

/** procps_uptime_sprint(). */
function sprint(sys: System): string {
  const secs = Math.floor(uptimeSeconds(sys));
  const days = Math.floor(secs / 86400);
  const hours = Math.floor(secs / 3600) % 24;
  const minutes = Math.floor(secs / 60) % 60;
  let out = strftime(' %H:%M:%S up ', instantOfMs(now(sys)));
  if (days) out += `${days} ${days > 1 ? 'days' : 'day'}, `;
  if (hours) out += `${String(hours).padStart(2)}:${String(minutes).padStart(2, '0')}, `;
  else out += `${minutes} min, `;
  const users = sys.logins.length;
  const [a1, a5, a15] = loadavg(sys);
  return out + `${String(users).padStart(2)} ${users > 1 ? 'users' : 'user'},  load average: ${a1.toFixed(2)}, ${a5.toFixed(2)}, ${a15.toFixed(2)}`;
}

/** procps_uptime_sprint_pretty(): "up 1 hour, 5 minutes". */
function pretty(sys: System): string {
  const uptime = uptimeSeconds(sys);
  let secs = uptime;
  const parts: string[] = [];
  const take = (size: number, one: string, many: string): void => {
    if (secs > size) {
      const n = Math.floor(secs / size);
      secs -= n * size;
      parts.push(`${n} ${n > 1 ? many : one}`);
    }
  };
  take(86400 * 365 * 10, 'decade', 'decades');
  take(86400 * 365, 'year', 'years');
  take(86400 * 7, 'week', 'weeks');
  take(86400, 'day', 'days');
  take(3600, 'hour', 'hours');
  let minutes = 0;
  if (secs > 60) {
    minutes = Math.floor(secs / 60);
    secs -= minutes * 60;
  }
  // `!upminutes && uptime_secs < 60`: the whole uptime, not what is left of it
  if (minutes || uptime < 60) parts.push(`${minutes} ${minutes > 1 ? 'minutes' : 'minute'}`);
  return 'up ' + parts.join(', ');
}

export function main(argv: string[], io: Io, sys: System): number {
  const parsed = getopt(argv, 'hpsV', LONG);
  if (!parsed.ok) {
    io.err(parsed.message + USAGE);
    return 1;
  }
  for (const { key } of parsed.options) {
    switch (key) {
      case 'h':
        io.out(USAGE);
        return 0;
      case 'V':
        io.out('uptime from procps-ng 4.0.2\n');
        return 0;
      case 's': {
        const boot = now(sys) - Math.floor(uptimeSeconds(sys)) * 1000;
        io.out(strftime('%Y-%m-%d %H:%M:%S', instantOfMs(boot)) + '\n');
        return 0;
      }
      case 'p':
        io.out(pretty(sys) + '\n');
        return 0;
    }
  }
  if (parsed.operands.length > 0) {
    io.err(USAGE);
    return 1;
  }
  io.out(sprint(sys) + '\n');
  return 0;
}

export const uptime: Tool = { name: 'uptime', main, summary: 'tell how long the system has been running' };
