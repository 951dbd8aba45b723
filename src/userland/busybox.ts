/**
 * busybox 1.35.0 (busybox-static, as in the oracle guest's initramfs). Its dmesg applet
 * reads the syslog(2) buffer: every line carries "<N>[time] ", and without -r the "<N>"
 * is cut off, so a multi-line record repeats its timestamp (unlike util-linux dmesg).
 * The other applets we have run as this machine's tool of the same name.
 */
import type { LogRecord } from '../kernel/state';
import type { Io, System, Tool } from './tool';
import { ENOENT } from '../kernel/errno';
import { errnoText } from './files';
import { EPERM } from '../kernel/errno';

const BANNER = 'BusyBox v1.35.0 (Debian 1:1.35.0-4+b3) multi-call binary.\n';

const DMESG_USAGE = `${BANNER}
Usage: dmesg [-cr] [-n LEVEL] [-s SIZE]

Print or control the kernel ring buffer

	-c		Clear ring buffer after printing
	-n LEVEL	Set console logging level
	-s SIZE		Buffer size
	-r		Print raw message buffer
`;

function syslogText(records: LogRecord[]): string {
  return records
    .flatMap((r) => {
      const ts = `${String(Math.floor(r.usec / 1e6)).padStart(5)}.${String(r.usec % 1e6).padStart(6, '0')}`;
      return r.text.split('\n').map((line) => `<${(r.facility << 3) | r.level}>[${ts}] ${line}\n`);
    })
    .join('');
}

function dmesg(argv: string[], io: Io, sys: System): number {
  let clear = false;
  let raw = false;
  let size: number | null = null;
  let level: number | null = null;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('-') || a === '-') {
      io.err(DMESG_USAGE);
      return 1;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if (c === 'c') clear = true;
      else if (c === 'r') raw = true;
      else if (c === 's' || c === 'n') {
        const value = a.slice(j + 1) || argv[++i];
        if (value === undefined || !/^[0-9]+$/.test(value)) {
          io.err(value === undefined ? `dmesg: option requires an argument -- '${c}'\n${DMESG_USAGE}` : `dmesg: invalid number '${value}'\n`);
          return 1;
        }
        if (c === 's') size = Number(value);
        else level = Number(value);
        break;
      } else {
        io.err(`dmesg: invalid option -- '${c}'\n${DMESG_USAGE}`);
        return 1;
      }
    }
  }
  const restricted = (): boolean => {
    if (sys.uid === 0) return false;
    const r = sys.fs.read('/proc/sys/kernel/dmesg_restrict');
    return !(typeof r === 'string' && r.trim() === '0');
  };
  if (level !== null) {
    if (sys.uid !== 0) {
      io.err(`dmesg: klogctl: ${errnoText(EPERM)}\n`);
      return 1;
    }
    const current = sys.fs.read('/proc/sys/kernel/printk');
    const fields = typeof current === 'string' ? current.trim().split(/\s+/) : ['7', '4', '1', '7'];
    fields[0] = String(level);
    sys.fs.write('/proc/sys/kernel/printk', fields.join('\t') + '\n', false);
    return 0;
  }
  if (restricted() || (clear && sys.uid !== 0)) {
    io.err(`dmesg: klogctl: ${errnoText(EPERM)}\n`);
    return 1;
  }
  let text = syslogText(sys.kernel.readLog());
  if (size !== null) {
    // SYSLOG_ACTION_READ_ALL fills the buffer with the newest lines that fit.
    const lines = text.match(/[^\n]*\n/g) ?? [];
    let kept = '';
    for (let k = lines.length - 1; k >= 0 && kept.length + lines[k].length <= size; k--) kept = lines[k] + kept;
    text = kept;
  }
  if (clear) sys.kernel.clearLog();
  io.out(raw ? text : text.replace(/^<[0-9]+>/gm, ''));
  return 0;
}

/** Applets of this busybox build that the machine also has as tools. */
const APPLETS = new Set(['cat', 'cp', 'depmod', 'echo', 'false', 'grep', 'head', 'insmod', 'ls', 'lsmod', 'modinfo', 'modprobe', 'mv', 'od', 'printf', 'rm', 'rmmod', 'sort', 'tail', 'true', 'uname', 'wc']);

export function main(argv: string[], io: Io, sys: System): number {
  const applet = argv[1];
  if (applet === undefined || applet === '--help') {
    io.out(`${BANNER}BusyBox is copyrighted by many authors between 1998-2015.\nLicensed under GPLv2. See source distribution for detailed\ncopyright notices.\n\nUsage: busybox [function [arguments]...]\n   or: busybox --list[-full]\n   or: busybox --show SCRIPT\n   or: busybox --install [-s] [DIR]\n   or: function [arguments]...\n\n\tBusyBox is a multi-call binary that combines many common Unix\n\tutilities into a single executable.  Most people will create a\n\tlink to busybox for each function they wish to use and BusyBox\n\twill act like whatever it was invoked as.\n`);
    return applet === undefined ? 0 : 0;
  }
  if (applet === '--list') {
    io.out([...APPLETS, 'dmesg'].sort().map((a) => a + '\n').join(''));
    return 0;
  }
  if (applet === 'dmesg') return dmesg(argv.slice(1), io, sys);
  const status = APPLETS.has(applet) ? sys.exec(argv.slice(1), io) : -ENOENT;
  if (status !== -ENOENT) return status;
  io.err(`${applet}: applet not found\n`);
  return 127;
}

export const busybox: Tool = { name: 'busybox', main, summary: 'multi-call binary (dmesg applet)' };
