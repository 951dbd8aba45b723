/**
 * uname(1) of GNU coreutils 9.1: -s (default), -n, -r, -v, -m, -p, -i, -o, -a. With -a,
 * -p and -i are left out when "unknown", as on Debian.
 */
import { nodename } from '../kernel/utsname';
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { tryHelp } from './files';

const LONG: LongOption[] = [
  { name: 'all', has: 'none', key: 'a' },
  { name: 'kernel-name', has: 'none', key: 's' },
  { name: 'nodename', has: 'none', key: 'n' },
  { name: 'kernel-release', has: 'none', key: 'r' },
  { name: 'kernel-version', has: 'none', key: 'v' },
  { name: 'machine', has: 'none', key: 'm' },
  { name: 'processor', has: 'none', key: 'p' },
  { name: 'hardware-platform', has: 'none', key: 'i' },
  { name: 'operating-system', has: 'none', key: 'o' },
  { name: 'help', has: 'none', key: 'help' },
  { name: 'version', has: 'none', key: 'version' },
];

const USAGE = `Usage: uname [OPTION]...
Print certain system information.  With no OPTION, same as -s.

  -a, --all                print all information, in the following order,
                             except omit -p and -i if unknown:
  -s, --kernel-name        print the kernel name
  -n, --nodename           print the network node hostname
  -r, --kernel-release     print the kernel release
  -v, --kernel-version     print the kernel version
  -m, --machine            print the machine hardware name
  -p, --processor          print the processor type (non-portable)
  -i, --hardware-platform  print the hardware platform (non-portable)
  -o, --operating-system   print the operating system
      --help        display this help and exit
      --version     output version information and exit

GNU coreutils online help: <https://www.gnu.org/software/coreutils/>
Report any translation bugs to <https://translationproject.org/team/>
Full documentation <https://www.gnu.org/software/coreutils/uname>
or available locally via: info '(coreutils) uname invocation'
`;

export function main(argv: string[], io: Io, sys: System): number {
  const parsed = getopt(argv, 'asnrvmpio', LONG);
  if (!parsed.ok) {
    io.err(parsed.message);
    return tryHelp(io, 'uname');
  }
  if (parsed.operands.length) {
    io.err(`uname: extra operand '${parsed.operands[0]}'\n`);
    return tryHelp(io, 'uname');
  }
  const want = new Set<string>();
  for (const { key } of parsed.options) {
    if (key === 'help') {
      io.out(USAGE);
      return 0;
    }
    if (key === 'version') {
      io.out('uname (GNU coreutils) 9.1\n');
      return 0;
    }
    if (key === 'a') for (const k of 'snrvmo') want.add(k);
    else want.add(key);
  }
  if (want.size === 0) want.add('s');
  const { config } = sys.kernel;
  const fields: Array<[string, string]> = [
    ['s', 'Linux'],
    ['n', nodename(sys.kernel)],
    ['r', config.release],
    ['v', config.version],
    ['m', 'x86_64'],
    ['p', 'unknown'],
    ['i', 'unknown'],
    ['o', 'GNU/Linux'],
  ];
  io.out(fields.filter(([k]) => want.has(k)).map(([, v]) => v).join(' ') + '\n');
  return 0;
}

export const uname: Tool = { name: 'uname', main, summary: 'print system information' };
