/**
 * ps of procps-ng 4.0.2: the standard formats' headers and columns, procps' layout (a field
 * that overflows is paid back from the next one's padding: "ADDR SZ", "-   983"), -o lists
 * and glued SysV options, and every bad option's own error. Headers and errors were checked
 * with ps 4.0.2 on a Debian 12 host; init's lines with 22-lab-time-procs.
 */
import { strict as assert } from 'node:assert';
import { bootMachine, execLine } from '../../src/machine/machine';

const BOOT = Date.UTC(2026, 11, 4, 18, 29, 5, 489);
const USAGE = "\nUsage:\n ps [options]\n\n Try 'ps --help <simple|list|output|threads|misc|all>'\n  or 'ps --help <s|l|o|t|m|a>'\n for additional help text.\n\nFor more details see ps(1).\n";

type Row = [string, string, number];

function run(line: string): [string, number] {
  const options = { clock: () => BOOT, hostname: 'oracle' };
  const r = execLine(bootMachine(options), line, options);
  return [r.output, r.exitCode];
}

const ROWS: Row[] = [
  ['ps -l | head -3', 'F S   UID   PID  PPID  C PRI  NI ADDR SZ WCHAN  TTY          TIME CMD\n4 S     0     1     0  0  80   0 -   983 do_wai ?        00:00:00 init\n1 S     0     2     0  0  80   0 -     0 kthrea ?        00:00:00 kthreadd\n', 0],
  ['ps -ly | head -1', 'S   UID   PID  PPID  C PRI  NI   RSS    SZ WCHAN  TTY          TIME CMD\n', 0],
  ['ps -lf | head -1', 'F S UID        PID  PPID  C PRI  NI ADDR SZ WCHAN  STIME TTY          TIME CMD\n', 0],
  ['ps -F | head -1', 'UID        PID  PPID  C    SZ   RSS PSR STIME TTY          TIME CMD\n', 0],
  ['ps -Z | head -2', 'LABEL                             PID TTY          TIME CMD\nunconfined                          1 ?        00:00:00 init\n', 0],
  ['ps -Zl | head -1', 'LABEL                           F S   UID   PID  PPID  C PRI  NI ADDR SZ WCHAN  TTY          TIME CMD\n', 0],
  ['ps -eo comm | head -3', 'COMMAND\ninit\nkthreadd\n', 0],
  ['ps -o comm=X,pid | head -2', 'X                 PID\ninit                1\n', 0],
  // an empty last header still gets its separator
  ['ps -eo pid,comm= | head -2', '  PID \n    1 init\n', 0],
  ['ps -p1 -o pid=', '    1\n', 0],
  ['ps aux | head -2', 'USER       PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\nroot         1  0.0  0.3   3932  3004 ?        S    18:28   0:00 /bin/bash /init\n', 0],
  ['ps -o pid,ni,opri,wchan -C ksmd,khugepaged', '  PID  NI PRI WCHAN\n   34   5  85 ksm_sc\n   36  19  99 khugep\n', 0],
  // procps reads a bare -u at the end as BSD u
  ['ps -u | head -1', 'USER       PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n', 0],
  ['ps -Q', `error: unsupported SysV option\n${USAGE}`, 1],
  ['ps Q', `error: unsupported option (BSD syntax)\n${USAGE}`, 1],
  ['ps -o', `error: format specification must follow -o\n${USAGE}`, 1],
  ['ps -p', `error: list of process IDs must follow -p\n${USAGE}`, 1],
  ['ps --pid', `error: list of process IDs must follow --pid\n${USAGE}`, 1],
  ['ps --format', `error: format specification must follow --format\n${USAGE}`, 1],
  ['ps --user', `error: list of effective users must follow --user\n${USAGE}`, 1],
  ['ps -C', `error: list of command names must follow -C\n${USAGE}`, 1],
  ['ps -o pid,foo', `error: unknown user-defined format specifier "foo"\n${USAGE}`, 1],
];

describe('ps prints the processes as procps-ng 4.0.2 lays them out', () => {
  for (const [line, output, status] of ROWS) {
    it(JSON.stringify(line), () => assert.deepEqual(run(line), [output, status]));
  }

  it('widens a column for a header of its own, but lets a standard header overflow', () => {
    assert.deepEqual(run('ps -o user=LONGUSERNAME,pid | head -2'), ['LONGUSERNAME   PID\nroot             1\n', 0]);
    assert.deepEqual(run('ps -o addr_1,pid | head -2'), ['ADDR PID\n-     1\n', 0]);
    assert.deepEqual(run('ps -o ppid=P,pid | head -2'), ['    P   PID\n    0     1\n', 0]);
  });
});
