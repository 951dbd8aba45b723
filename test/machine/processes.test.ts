/**
 * The machine's processes as a line sees them: /proc/PID and /proc/self, bash's exec of the
 * last command, background jobs with wait and kill, the time keyword, timeout(1), pidof,
 * ps's BSD format, and find's times. Expected texts are 26-shell-paths' recordings unless
 * a comment says otherwise.
 */
import { strict as assert } from 'node:assert';
import { bootMachine, execLine, type MachineState } from '../../src/machine/machine';
import { formatTimes } from '../../src/shell/time';
import { parseSignal, signalName } from '../../src/shell/signals';

describe('processes of a line', () => {
  let now = Date.UTC(2026, 11, 4, 17, 0, 0);
  const options = { clock: (): number => now, hostname: 'oracle' };
  let machine: MachineState;
  const run = (line: string): [string, number] => {
    now += 1000;
    const r = execLine(machine, line, options);
    return [r.output, r.exitCode];
  };
  beforeEach(() => {
    machine = bootMachine(options);
  });

  const rows: Array<[string, string, number]> = [
    ['cat /proc/self/comm', 'cat\n', 0],
    ['cat /proc/$$/comm', 'cat\n', 0],
    ['cat /proc/$$/comm; true', 'bash\n', 0],
    ["tr '\\0' '\\n' < /proc/self/cmdline", 'tr\n\\0\n\\n\n', 0],
    ["tr '\\0' ' ' < /proc/1/cmdline; echo", '/bin/bash /init \n', 0],
    ['head -n 3 /proc/self/status', 'Name:\thead\nUmask:\t0022\nState:\tR (running)\n', 0],
    ['head -n 10 /proc/2/status', 'Name:\tkthreadd\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t2\nNgid:\t0\nPid:\t2\nPPid:\t0\nTracerPid:\t0\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n', 0],
    ['cat /proc/99999/comm', 'cat: /proc/99999/comm: No such file or directory\n', 1],
    ['readlink /proc/self/exe', '/usr/bin/readlink\n', 0],
    ['readlink /proc/2/exe; echo $?', '1\n', 0],
    ['cd /lib && readlink /proc/self/cwd', '/usr/lib\n', 0],
    ['test "$(cut -d\' \' -f4 /proc/self/stat)" = $$ && echo parent is the shell', 'parent is the shell\n', 0],
    ['cd /proc/self && pwd -P | grep -c \'^/proc/[0-9]*$\'', '1\n', 0],
    ['pidof bash', '1\n', 0],
    ['pidof init', '', 1],
    ['pidof kthreadd', '2\n', 0],
    ['ps x | head -2', '  PID TTY      STAT   TIME COMMAND\n    1 ?        S      0:00 /bin/bash /init\n', 0],
    ['bash -c \'exit 139\'; echo $?', '139\n', 0],
    ['bash -c \'kill $$\'; echo $?', 'Terminated\n143\n', 0],
    ['sleep 10 & kill $!; wait $!; echo $?', '143\n', 0],
    ['sleep 10 & kill -s INT $!; wait $!; echo status=$?', 'status=0\n', 0],
    ['(exit 3) & wait $!; echo $?', '3\n', 0],
    ['wait 12345; echo $?', 'bash: line 1: wait: pid 12345 is not a child of this shell\n127\n', 0],
    ['kill 99999', 'bash: line 1: kill: (99999) - No such process\n', 1],
    ['kill -9 1; echo $?', '0\n', 0],
    ['kill -l 137', 'KILL\n', 0],
    ['kill abc', 'bash: line 1: kill: abc: arguments must be process or job IDs\n', 1],
    ['timeout 1 sleep 5; echo $?', '124\n', 0],
    ['timeout --preserve-status 1 sleep 5; echo $?', '143\n', 0],
    ['timeout 1 timeout 5 sleep 3; echo $?', '124\n', 0],
    ['timeout 5 bash -c \'exit 7\'; echo $?', '7\n', 0],
    ['timeout 1 nosuch; echo $?', "timeout: failed to run command 'nosuch': No such file or directory\n127\n", 0],
    ["timeout -s FOO 1 true; echo $?", "timeout: 'FOO': invalid signal\nTry 'timeout --help' for more information.\n125\n", 0],
    ['TIMEFORMAT=%0R; time sleep 2', '2\n', 0],
    ["TIMEFORMAT='%X'; time true", "bash: line 1: TIMEFORMAT: `X': invalid format character\n", 0],
    ['cd /lib && env pwd', '/usr/lib\n', 0],
  ];
  for (const [line, output, status] of rows) {
    it(`$ ${line}`, () => assert.deepEqual(run(line), [output, status]));
  }

  it('tells a death by a signal from an exit status above 128 through xargs and sudo', () => {
    assert.deepEqual(run("echo x | xargs sh -c 'exit 130'; echo $?"), ['123\n', 0]);
    assert.deepEqual(run("echo x | xargs sh -c 'kill -9 $$'; echo $?"), ['xargs: sh: terminated by signal 9\n125\n', 0]);
    assert.match(run("sudo bash -c 'kill -SEGV $$'; echo $?")[0], /^bash: line 1: +\d+ Segmentation fault {6}sudo bash -c 'kill -SEGV \$\$'\n139\n$/);
    assert.deepEqual(run("sudo bash -c 'exit 139'; echo $?"), ['139\n', 0]);
  });

  it('reports the SIGKILL that ends timeout itself, and the time a timed-out sleep took', () => {
    const [out, status] = run('timeout -s KILL 1 sleep 5; echo $?');
    assert.match(out, /^bash: line 1: +\d+ Killed {18}timeout -s KILL 1 sleep 5\n137\n$/);
    assert.equal(status, 0);
    assert.deepEqual(run('TIMEFORMAT=%0R; time timeout 1 sleep 5'), ['1\n', 124]);
  });

  it('sees a background sleep in ps and pidof until the clock reaches its end', () => {
    assert.deepEqual(run('sleep 3 & pidof sleep > /dev/null && echo found sleep; kill $!'), ['found sleep\n', 0]);
    assert.deepEqual(run('sleep 3 & sleep 4; pidof sleep; echo $?'), ['1\n', 0]);
    assert.match(run('ps x | tail -n 1')[0], /^ +\d+ \? +S +0:00 tail -n 1\n$/);
  });

  it('lets a wait run the clock on to the end of a background job', () => {
    assert.deepEqual(run('TIMEFORMAT=%0R; time { sleep 3 & wait; }'), ['3\n', 0]);
    assert.deepEqual(run('TIMEFORMAT=%0R; time { sleep 3 & }'), ['0\n', 0]);
  });

  it('lists a task stuck in the kernel as running; kill -9 cannot end it', () => {
    machine.kernel.stuck = [{ pid: 107, comm: 'insmod', module: 'lockup', at: { file: 'lockup.c', line: 1, function: 'lockup_init' }, rax: 0, since: 0, reports: 0 }];
    assert.deepEqual(run("grep -E '^(Name|State)' /proc/$(pidof insmod)/status"), ['Name:\tinsmod\nState:\tR (running)\n', 0]);
    assert.deepEqual(run('kill -9 107; echo $?; pidof insmod'), ['0\n107\n', 0]);
  });

  it('keeps the PIDs a line hands out below pid_max, wrapping to 300', () => {
    machine.kernel.nextPid = 32767;
    assert.deepEqual(run('echo $$; sh -c \'echo $$\'; true'), ['32767\n300\n', 0]);
  });

  it('finds files by their age in days and minutes', () => {
    run("mkdir -p /tmp/f && cd /tmp/f && touch -d '3 days ago' old.txt && touch -d '2 hours ago' hour.txt && touch new.txt");
    assert.deepEqual(run('cd /tmp/f && find . -mtime +1'), ['./old.txt\n', 0]);
    assert.deepEqual(run('cd /tmp/f && find . -mmin -180 -mmin +60'), ['./hour.txt\n', 0]);
    assert.deepEqual(run("cd /tmp/f && find . -regex '\\./\\(old\\|new\\)\\.txt' | sort"), ['./new.txt\n./old.txt\n', 0]);
    assert.deepEqual(run("cd /tmp/f && find . -regex '.*/o+ld.txt'"), ['./old.txt\n', 0]);
    assert.deepEqual(run('touch -d garbage x'), ["touch: invalid date format 'garbage'\n", 1]);
  });
});

describe("bash's time formats and signal names", () => {
  const rows: Array<[string | undefined, boolean, number, string]> = [
    [undefined, false, 2085, '\nreal\t0m2.085s\nuser\t0m0.000s\nsys\t0m0.000s\n'],
    [undefined, true, 1440, 'real 1.44\nuser 0.00\nsys 0.00\n'],
    ['%0R', false, 1999, '1\n'],
    ['%9R', false, 61234, '61.234\n'],
    ['[%lR]', false, 61234, '[1m1.234s]\n'],
    ['%%', false, 0, '%\n'],
    ['', false, 5, ''],
    ['%P', false, 0, '0.00\n'],
  ];
  for (const [format, posix, ms, want] of rows) {
    it(`formats ${ms} ms with ${posix ? '-p' : JSON.stringify(format)}`, () => assert.deepEqual(formatTimes({ real: ms, user: 0, sys: 0 }, posix, format), { text: want }));
  }
  it('stops at an unknown format character, and at a trailing %', () => {
    assert.deepEqual(formatTimes({ real: 0, user: 0, sys: 0 }, false, 'a%Xb'), { error: "TIMEFORMAT: `X': invalid format character\n" });
    assert.deepEqual(formatTimes({ real: 0, user: 0, sys: 0 }, false, 'a%'), { error: "TIMEFORMAT: `': invalid format character\n" });
  });
  it('names real-time signals as bash does and reads names in any case', () => {
    assert.deepEqual([34, 49, 50, 64].map(signalName), ['RTMIN', 'RTMIN+15', 'RTMAX-14', 'RTMAX']);
    assert.deepEqual(['sigkill', 'TERM', '0', '65', 'RTMIN+3'].map(parseSignal), [9, 15, 0, undefined, 37]);
  });
});
