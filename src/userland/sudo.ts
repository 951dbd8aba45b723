/**
 * sudo(8) 1.9.13p3 as root: everyone here is root, so sudo just runs the command (found
 * on PATH; shell builtins such as cd are not commands). -u USER runs it as that user.
 */
import type { Io, System, Tool } from './tool';
import { ENOENT } from '../kernel/errno';

const USAGE = `usage: sudo -h | -K | -k | -V
usage: sudo -v [-ABkNnS] [-g group] [-h host] [-p prompt] [-u user]
usage: sudo -l [-ABkNnS] [-g group] [-h host] [-p prompt] [-U user] [-u user]
            [command [arg ...]]
usage: sudo [-ABbEHkNnPS] [-r role] [-t type] [-C num] [-D directory] [-g
            group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user]
            [VAR=value] [-i | -s] [command [arg ...]]
usage: sudo -e [-ABkNnS] [-r role] [-t type] [-C num] [-D directory] [-g
            group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user]
            file ...
`;

const USERS: Record<string, number> = { root: 0, nobody: 65534, daemon: 1, bin: 2, sys: 3 };

export function main(argv: string[], io: Io, sys: System): number {
  let i = 1;
  let uid = 0;
  const env: Array<[string, string]> = [];
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      i++;
      break;
    }
    if (a === '-V' || a === '--version') {
      io.out('Sudo version 1.9.13p3\nSudoers policy plugin version 1.9.13p3\nSudoers file grammar version 50\nSudoers I/O plugin version 1.9.13p3\nSudoers audit plugin version 1.9.13p3\n');
      return 0;
    }
    if (a === '-h' || a === '--help') {
      io.out(`sudo - execute a command as another user\n\n${USAGE}`);
      return 0;
    }
    if (a === '-u' || a.startsWith('--user')) {
      const name = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (name === undefined) {
        io.err(`sudo: option requires an argument -- 'u'\n${USAGE}`);
        return 1;
      }
      const id = /^#[0-9]+$/.test(name) ? Number(name.slice(1)) : USERS[name];
      if (id === undefined) {
        io.err(`sudo: unknown user ${name}\nsudo: error initializing audit plugin sudoers_audit\n`);
        return 1;
      }
      uid = id;
      continue;
    }
    if (/^-[AbEHkKnPSis]+$/.test(a)) continue;
    if (a.startsWith('-')) {
      io.err(`sudo: invalid option -- '${a.charAt(1)}'\n${USAGE}`);
      return 1;
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(a);
    if (m) {
      env.push([m[1], m[2]]);
      continue;
    }
    break;
  }
  if (i >= argv.length) {
    io.err(USAGE);
    return 1;
  }
  const name = argv[i];
  const savedUid = sys.uid;
  const savedEnv = env.map(([k]) => [k, sys.env[k]] as const);
  sys.uid = uid;
  for (const [k, v] of env) sys.env[k] = v;
  try {
    const self = sys.kernel.processes.current;
    if (self) self.childSignal = undefined;
    const status = sys.exec(argv.slice(i), io);
    // sudo waits for its command and dies of the signal that killed it
    if (self?.childSignal !== undefined) self.killedBy = self.childSignal;
    if (status !== -ENOENT) return status;
    io.err(`sudo: ${name}: command not found\n`);
    return 1;
  } finally {
    sys.uid = savedUid;
    for (const [k, v] of savedEnv) {
      if (v === undefined) delete sys.env[k];
      else sys.env[k] = v;
    }
  }
}

export const sudo: Tool = { name: 'sudo', main, summary: 'execute a command as another user' };
