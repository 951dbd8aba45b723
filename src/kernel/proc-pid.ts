/**
 * /proc/PID (fs/proc/base.c) for the processes of the table (process.ts), and /proc/self, a
 * link to the reading process's directory: comm, cmdline, status (its Name…Gid lines, as
 * 6.1's proc_pid_status prints them), stat, and the exe and cwd links. A kernel thread has
 * an empty cmdline and no exe (readlink fails with ENOENT).
 */
import type { VNode } from './vtree';
import type { Process, ProcessTable } from './process';

/** The entries of /proc/PID this machine has. */
const ENTRIES = ['cmdline', 'comm', 'cwd', 'exe', 'stat', 'status'];

/** task_state_array of fs/proc/array.c, by ps's state letter. */
const STATE_NAMES: Readonly<Record<string, string>> = { R: 'R (running)', S: 'S (sleeping)', D: 'D (disk sleep)', T: 'T (stopped)', Z: 'Z (zombie)', I: 'I (idle)' };

function status(p: Process): string {
  const id = `${p.uid}\t${p.uid}\t${p.uid}\t${p.uid}`;
  return [
    `Name:\t${p.comm}`,
    'Umask:\t0022',
    `State:\t${STATE_NAMES[p.stat[0]] ?? STATE_NAMES.S}`,
    `Tgid:\t${p.pid}`,
    'Ngid:\t0',
    `Pid:\t${p.pid}`,
    `PPid:\t${p.ppid}`,
    'TracerPid:\t0',
    `Uid:\t${id}`,
    `Gid:\t${id}`,
  ].join('\n') + '\n';
}

/**
 * do_task_stat(): 52 fields; those past the state, parent, group and session are a sleeping
 * process's usual values (no tty, default priority, no CPU time worth a tick).
 */
function stat(p: Process): string {
  const group = p.pid <= 2 || p.argv.length === 0 ? 0 : p.ppid;
  const kthread = p.argv.length === 0;
  const fields = [p.pid, `(${p.comm})`, p.stat[0], p.ppid, group, group, 0, -1, kthread ? 2129984 : 4194560, 0, 0, 0, 0, 0, 0, 0, 0, 20, 0, 1, 0, 0, 0, 0];
  return fields.join(' ') + ' 0'.repeat(52 - fields.length) + '\n';
}

/** The node at /proc/PID/REST (REST empty: the directory), or undefined. */
export function procPidNode(table: ProcessTable, pid: number, rest: string[], mtime: number): VNode | undefined {
  const p = table.find(pid);
  if (!p || rest.length > 1) return undefined;
  const file = (read: () => string): VNode => ({ kind: 'file', mode: 0o444, size: 0, mtime, read });
  const link = (target: string | undefined): VNode | undefined => (target === undefined ? undefined : { kind: 'symlink', mtime, target, size: 0 });
  switch (rest[0]) {
    case undefined:
      return { kind: 'dir', mode: 0o555, mtime, list: () => ENTRIES.filter((e) => e !== 'exe' || p.exe !== undefined) };
    case 'comm':
      return {
        kind: 'file',
        mode: 0o644,
        size: 0,
        mtime,
        read: () => `${p.comm}\n`,
        // comm_write(): the new name, cut to TASK_COMM_LEN - 1
        write: (data) => ((p.comm = data.replace(/\n$/, '').slice(0, 15)), 0),
      };
    case 'cmdline':
      return file(() => p.argv.map((a) => a + '\0').join(''));
    case 'status':
      return file(() => status(p));
    case 'stat':
      return file(() => stat(p));
    case 'exe':
      return link(p.exe);
    case 'cwd':
      return link(p.cwd);
    default:
      return undefined;
  }
}

/** The PID directories /proc lists, and self. */
export function procPidNames(table: ProcessTable): string[] {
  return [...table.all().map((p) => String(p.pid)), 'self'];
}
