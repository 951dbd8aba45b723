/**
 * setpriv(1) of util-linux 2.38.1: run a program with other credentials. Only uid/gid
 * changes matter here: the program runs with sys.uid set (restored afterwards), so the
 * kernel refuses what an unprivileged user may not do (insmod: EPERM, dmesg_restrict).
 */
import type { Io, System, Tool } from './tool';
import { getopt, type LongOption } from './getopt';
import { ENOENT } from '../kernel/errno';

const LONG: LongOption[] = [
  { name: 'dump', has: 'none', key: 'd' },
  { name: 'nnp', has: 'none', key: 'nnp' },
  { name: 'no-new-privs', has: 'none', key: 'nnp' },
  { name: 'inh-caps', has: 'required', key: 'inh-caps' },
  { name: 'ambient-caps', has: 'required', key: 'ambient-caps' },
  { name: 'bounding-set', has: 'required', key: 'bounding-set' },
  { name: 'ruid', has: 'required', key: 'ruid' },
  { name: 'euid', has: 'required', key: 'euid' },
  { name: 'rgid', has: 'required', key: 'rgid' },
  { name: 'egid', has: 'required', key: 'egid' },
  { name: 'reuid', has: 'required', key: 'reuid' },
  { name: 'regid', has: 'required', key: 'regid' },
  { name: 'clear-groups', has: 'none', key: 'clear-groups' },
  { name: 'keep-groups', has: 'none', key: 'keep-groups' },
  { name: 'init-groups', has: 'none', key: 'init-groups' },
  { name: 'groups', has: 'required', key: 'groups' },
  { name: 'securebits', has: 'required', key: 'securebits' },
  { name: 'pdeathsig', has: 'required', key: 'pdeathsig' },
  { name: 'reset-env', has: 'none', key: 'reset-env' },
  { name: 'help', has: 'none', key: 'h' },
  { name: 'version', has: 'none', key: 'V' },
];

/** /etc/passwd and /etc/group of a Debian 12 base system. */
const IDS: Record<string, number> = { root: 0, daemon: 1, bin: 2, sys: 3, nogroup: 65534, nobody: 65534 };

const USAGE = `
Usage:
 setpriv [options] <program> [<argument>...]

Run a program with different privilege settings.

Options:
 -d, --dump                  show current state (and do not exec)
 --nnp, --no-new-privs       disallow granting new privileges
 --ambient-caps <caps,...>   set ambient capabilities
 --inh-caps <caps,...>       set inheritable capabilities
 --bounding-set <caps>       set capability bounding set
 --ruid <uid|user>           set real uid
 --euid <uid|user>           set effective uid
 --rgid <gid|user>           set real gid
 --egid <gid|group>          set effective gid
 --reuid <uid|user>          set real and effective uid
 --regid <gid|group>         set real and effective gid
 --clear-groups              clear supplementary groups
 --keep-groups               keep supplementary groups
 --init-groups               initialize supplementary groups
 --groups <group,...>        set supplementary groups by UID or name
 --securebits <bits>         set securebits
 --pdeathsig keep|clear|<signame>
                             set or clear parent death signal
 --selinux-label <label>     set SELinux label
 --apparmor-profile <pr>     set AppArmor profile
 --reset-env                 clear all environment and initialize
                               HOME, SHELL, USER, LOGNAME and PATH

 -h, --help                  display this help
 -V, --version               display version

 This tool can be dangerous.  Read the manpage, and be careful.

For more details see setpriv(1).
`;

function parseId(text: string): number | null {
  if (/^[0-9]+$/.test(text)) return Number(text);
  return IDS[text] ?? null;
}

export function main(argv: string[], io: Io, sys: System): number {
  // Options stop at the program: "+" as in setpriv.c's getopt string.
  const parsed = getopt(argv, '+dhV', LONG);
  if (!parsed.ok) {
    io.err(parsed.message + "Try 'setpriv --help' for more information.\n");
    return 1;
  }
  let uid: number | null = null;
  let gidChanged = false;
  let groupsHandled = false;
  let dump = false;
  for (const { key, arg } of parsed.options) {
    switch (key) {
      case 'h':
        io.out(USAGE);
        return 0;
      case 'V':
        io.out('setpriv from util-linux 2.38.1\n');
        return 0;
      case 'd':
        dump = true;
        break;
      case 'ruid':
      case 'euid':
      case 'reuid': {
        const id = parseId(arg as string);
        if (id === null) {
          io.err(`setpriv: failed to parse ${key}: '${arg}'\n`);
          return 1;
        }
        uid = id;
        break;
      }
      case 'rgid':
      case 'egid':
      case 'regid':
        if (parseId(arg as string) === null) {
          io.err(`setpriv: failed to parse ${key}: '${arg}'\n`);
          return 1;
        }
        gidChanged = true;
        break;
      case 'clear-groups':
      case 'keep-groups':
      case 'init-groups':
      case 'groups':
        groupsHandled = true;
        break;
    }
  }
  if (dump) {
    const id = uid ?? sys.uid;
    io.out(`uid: ${id}\neuid: ${id}\ngid: ${id}\negid: ${id}\nSupplementary groups: [none]\nno_new_privs: 0\nInheritable capabilities: [none]\nAmbient capabilities: [none]\n`);
    return 0;
  }
  if (parsed.operands.length === 0) {
    io.err('setpriv: No program specified\n');
    return 1;
  }
  if (gidChanged && !groupsHandled) {
    io.err('setpriv: --[re]gid requires --keep-groups, --clear-groups, --init-groups, or --groups\n');
    return 1;
  }
  const [name, ...rest] = parsed.operands;
  const saved = sys.uid;
  if (uid !== null) sys.uid = uid;
  try {
    const self = sys.kernel.processes.current;
    if (self) self.childSignal = undefined;
    const status = sys.exec([name, ...rest], io);
    // setpriv execs the program: its death by a signal is setpriv's process's
    if (self?.childSignal !== undefined) self.killedBy = self.childSignal;
    if (status !== -ENOENT) return status;
    io.err(`setpriv: failed to execute ${name}: No such file or directory\n`);
    return 127;
  } finally {
    sys.uid = saved;
  }
}

export const setpriv: Tool = { name: 'setpriv', main, summary: 'run a program with different Linux privilege settings' };
