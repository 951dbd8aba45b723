/**
 * /usr/bin/kmod run by its own name (kmod 30's tools/kmod.c and static-nodes.c): each row's
 * output and status are what kmod 30+20221128-1 printed on a Debian 12 host, with stderr
 * kept apart where the row redirects it.
 */
import { strict as assert } from 'node:assert';
import { bootMachine, execLine } from '../../src/machine/machine';

const BOOT = Date.UTC(2026, 11, 4, 18, 29, 5, 489);

const HELP = (argv0: string): string =>
  `kmod - Manage kernel modules: list, load, unload, etc\nUsage:\n\t${argv0} [options] command [command_options]\n\n` +
  'Options:\n\t-V, --version     show version\n\t-h, --help        show this help\n\n' +
  'Commands:\n  help         Show help message\n  list         list currently loaded modules\n' +
  '  static-nodes outputs the static-node information installed with the currently running kernel\n\n' +
  'kmod also handles gracefully if called from following symlinks:\n' +
  '  lsmod        compat lsmod command\n  rmmod        compat rmmod command\n  insmod       compat insmod command\n' +
  '  modinfo      compat modinfo command\n  modprobe     compat modprobe command\n  depmod       compat depmod command\n';

type Row = [string, string, number];

const ROWS: Row[] = [
  ['kmod -V', 'kmod version 30\n+ZSTD +XZ -ZLIB +LIBCRYPTO -EXPERIMENTAL\n', 0],
  ['kmod --help', HELP('kmod'), 0],
  // `kmod help` shows the help under the command's own name
  ['kmod help', HELP('help'), 0],
  ['kmod 2>/dev/null; echo $?', HELP('kmod') + '1\n', 0],
  ['kmod 2>&1 >/dev/null', 'missing command\n', 1],
  ['kmod foo 2>&1 >/dev/null', "invalid command 'foo'\n", 1],
  ['kmod -x', "kmod: invalid option -- 'x'\n", 1],
  ['kmod list', 'Module                  Size  Used by\n', 0],
  ['modprobe dummy; kmod list', 'Module                  Size  Used by\ndummy                  16384  0\n', 0],
  ['kmod list x', 'Usage: list\n', 1],
  ['kmod static-nodes | head -5', 'Module: autofs4\n\tDevice node: /dev/autofs\n\t\tType: character device\n\t\tMajor: 10\n\t\tMinor: 235\n', 0],
  ['kmod static-nodes -f tmpfiles | head -2', 'c! /dev/autofs 0600 - - - 10:235\nc! /dev/fuse 0600 - - - 10:229\n', 0],
  ['kmod static-nodes --format=devname | head -2', 'autofs4 autofs c10:235\nfuse fuse c10:229\n', 0],
  ['kmod static-nodes -o /tmp/n -f devname; head -1 /tmp/n', 'autofs4 autofs c10:235\n', 0],
  ['kmod static-nodes -f foo 2>&1 >/dev/null', "Unknown format: 'foo'.\n", 1],
  ['kmod static-nodes -x', "static-nodes: invalid option -- 'x'\n", 1],
  ['rm /lib/modules/$(uname -r)/modules.devname; kmod static-nodes', 'Warning: /lib/modules/6.1.0-56-amd64/modules.devname not found - ignoring\n', 0],
];

describe('kmod run by its own name, as kmod 30', () => {
  for (const [line, output, status] of ROWS) {
    it(JSON.stringify(line), () => {
      const options = { clock: () => BOOT, hostname: 'oracle' };
      const r = execLine(bootMachine(options), line, options);
      assert.deepEqual([r.output, r.exitCode], [output, status]);
    });
  }
});
