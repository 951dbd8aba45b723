/**
 * /usr/bin/kmod of kmod 30 (tools/kmod.c): the program every kmod tool links to, run by its
 * own name. Options -h and -V, then a command: help, list (lsmod under the name "list") and
 * static-nodes (tools/static-nodes.c: modules.devname in the human, tmpfiles or devname
 * format). A missing or unknown command prints the help after its error, with status 1.
 * Wording and streams checked with kmod 30+20221128-1 on Debian 12.
 */
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { main as lsmodMain } from './lsmod';
import { errnoText } from './files';

const KMOD_LONG: LongOption[] = [
  { name: 'help', has: 'none', key: 'h' },
  { name: 'version', has: 'none', key: 'V' },
];

/** kmod_help(): ARGV0 is the name the help was asked under ("kmod", or "help" for `kmod help`). */
const help = (argv0: string): string =>
  `kmod - Manage kernel modules: list, load, unload, etc\nUsage:\n\t${argv0} [options] command [command_options]\n\n` +
  'Options:\n\t-V, --version     show version\n\t-h, --help        show this help\n\n' +
  'Commands:\n  help         Show help message\n  list         list currently loaded modules\n' +
  '  static-nodes outputs the static-node information installed with the currently running kernel\n\n' +
  'kmod also handles gracefully if called from following symlinks:\n' +
  '  lsmod        compat lsmod command\n  rmmod        compat rmmod command\n  insmod       compat insmod command\n' +
  '  modinfo      compat modinfo command\n  modprobe     compat modprobe command\n  depmod       compat depmod command\n';

/** What kmod 30 was built with on Debian 12 (KMOD_FEATURES). */
const FEATURES = '+ZSTD +XZ -ZLIB +LIBCRYPTO -EXPERIMENTAL';

const STATIC_NODES_HELP =
  'Usage:\n\tkmod static-nodes [options]\n\nkmod static-nodes outputs the static-node information of the currently running kernel.\n\n' +
  'Options:\n\t-f, --format=FORMAT  choose format to use: see "Formats"\n\t-o, --output=FILE    write output to file\n\t-h, --help           show this help\n\n' +
  'Formats:\n\thuman        (default) a human readable format. Do not parse.\n\ttmpfiles     the tmpfiles.d(5) format used by systemd-tmpfiles.\n\tdevname      the modules.devname format.\n';

const STATIC_NODES_LONG: LongOption[] = [
  { name: 'format', has: 'required', key: 'f' },
  { name: 'output', has: 'required', key: 'o' },
  { name: 'help', has: 'none', key: 'h' },
];

/** One modules.devname line, "module devname c10:229", in FORMAT (static-nodes.c's write_* functions). */
function staticNode(format: string, line: string): string {
  const [module, devname, spec] = line.split(/\s+/);
  const m = /^([cb])(\d+):(\d+)$/.exec(spec ?? '');
  if (!m) return '';
  const [, type, major, minor] = m;
  if (format === 'devname') return `${module} ${devname} ${type}${major}:${minor}\n`;
  if (format === 'tmpfiles') return `${type}! /dev/${devname} 0600 - - - ${major}:${minor}\n`;
  const kind = type === 'c' ? 'character device' : 'block device';
  return `Module: ${module}\n\tDevice node: /dev/${devname}\n\t\tType: ${kind}\n\t\tMajor: ${major}\n\t\tMinor: ${minor}\n`;
}

function staticNodes(argv: string[], io: Io, sys: System): number {
  const parsed = getopt(argv, 'o:f:h', STATIC_NODES_LONG);
  if (!parsed.ok) {
    io.err(parsed.message);
    return 1;
  }
  let format = 'human';
  let output: string | undefined;
  for (const { key, arg: value } of parsed.options) {
    if (key === 'h') {
      io.out(STATIC_NODES_HELP);
      return 0;
    }
    if (key === 'o') output = value;
    if (key === 'f') {
      if (!['human', 'tmpfiles', 'devname'].includes(value ?? '')) {
        io.err(`Unknown format: '${value ?? ''}'.\n`);
        io.out(STATIC_NODES_HELP);
        return 1;
      }
      format = value ?? 'human';
    }
  }
  const release = sys.kernel.config.release;
  const text = sys.fs.read(`/lib/modules/${release}/modules.devname`);
  if (typeof text === 'number') {
    io.err(`Warning: /lib/modules/${release}/modules.devname not found - ignoring\n`);
    return 0;
  }
  const out = text.split('\n').filter((l) => l !== '' && !l.startsWith('#')).map((l) => staticNode(format, l)).join('');
  if (output === undefined) {
    io.out(out);
    return 0;
  }
  const rc = sys.fs.write(sys.resolve(output), out, false);
  if (rc < 0) {
    io.err(`Error: could not create ${output}: ${errnoText(rc)}\n`);
    return 1;
  }
  return 0;
}

export function main(argv: string[], io: Io, sys: System): number {
  // "+hV": options stop at the command, whose own options follow it
  const parsed = getopt(argv, '+hV', KMOD_LONG);
  if (!parsed.ok) {
    io.err(parsed.message);
    return 1;
  }
  for (const { key } of parsed.options) {
    if (key === 'h') {
      io.out(help(argv[0]));
      return 0;
    }
    io.out(`kmod version 30\n${FEATURES}\n`);
    return 0;
  }
  const rest = parsed.operands;
  if (rest.length === 0) {
    io.err('missing command\n');
    io.out(help(argv[0]));
    return 1;
  }
  switch (rest[0]) {
    case 'help':
      io.out(help(rest[0]));
      return 0;
    case 'list':
      return lsmodMain(rest, io, sys);
    case 'static-nodes':
      return staticNodes(rest, io, sys);
    default:
      io.err(`invalid command '${rest[0]}'\n`);
      io.out(help(argv[0]));
      return 1;
  }
}

export const kmod: Tool = { name: 'kmod', main, summary: 'manage kernel modules (kmod 30)' };
