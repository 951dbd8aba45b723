/**
 * System.exec: the one way a program runs another (sudo, setpriv, busybox, and system(3)
 * for modprobe's install and remove commands through /bin/sh -c).
 */
import { strict as assert } from 'node:assert';
import { bootMachine, execLine, type MachineState } from '../../src/machine/machine';

const options = { clock: () => Date.UTC(2026, 10, 25, 20, 18, 0), hostname: 'modlab' };

function run(state: MachineState, line: string): { output: string; exitCode: number } {
  const { output, exitCode } = execLine(state, line, options);
  return { output, exitCode };
}

describe('System.exec', () => {
  let state: MachineState;
  beforeEach(() => {
    state = bootMachine(options);
  });

  it("runs a modprobe install command through /bin/sh: ';', '&&' and a nested modprobe --ignore-install", () => {
    run(state, "echo 'install dummy echo before; /sbin/modprobe --ignore-install dummy $CMDLINE_OPTS && echo after' > /etc/modprobe.d/d.conf");
    assert.deepEqual(run(state, 'modprobe dummy numdummies=2; echo $?'), { output: 'before\nafter\n0\n', exitCode: 0 });
    assert.deepEqual(run(state, 'lsmod | grep -c dummy'), { output: '1\n', exitCode: 0 });
  });

  it('reports a failing install command with its retcode, as libkmod command_do() does (12-kmod-corners)', () => {
    run(state, "echo 'install dummy /bin/false' > /etc/modprobe.d/d.conf");
    assert.deepEqual(run(state, 'modprobe dummy; echo $?'), {
      output: "modprobe: ERROR: ../libkmod/libkmod-module.c:1047 command_do() Error running install command '/bin/false' for module dummy: retcode 1\n"
        + "modprobe: ERROR: could not insert 'dummy': Invalid argument\n1\n",
      exitCode: 0,
    });
  });

  it("words a missing program in a remove command as dash does, then modprobe's FATAL", () => {
    run(state, 'modprobe dummy');
    run(state, "echo 'remove dummy /sbin/modprobe -r --ignore-remove dummy; nosuch' > /etc/modprobe.d/d.conf");
    assert.deepEqual(run(state, 'modprobe -r dummy; echo $?'), { output: 'sh: 1: nosuch: not found\nmodprobe: FATAL: Error running remove command for dummy\n1\n', exitCode: 0 });
    assert.deepEqual(run(state, 'lsmod | grep -c dummy'), { output: '0\n', exitCode: 1 });
  });

  it("runs sudo's and setpriv's program, and keeps a child shell's cd and variables to itself", () => {
    assert.deepEqual(run(state, "sudo sh -c 'cd /tmp && X=1 && pwd'; pwd; echo \"[$X]\""), { output: '/tmp\n/root\n[]\n', exitCode: 0 });
    assert.deepEqual(run(state, 'setpriv --reuid=65534 /bin/sh -c "echo child; exit 3"; echo $?'), { output: 'child\n3\n', exitCode: 0 });
  });

  it('fails for what is no program: a builtin, a missing name, a busybox applet it lacks', () => {
    assert.deepEqual(run(state, 'sudo cd /tmp'), { output: 'sudo: cd: command not found\n', exitCode: 1 });
    assert.deepEqual(run(state, 'setpriv --reuid=0 nosuch'), { output: 'setpriv: failed to execute nosuch: No such file or directory\n', exitCode: 127 });
    assert.deepEqual(run(state, 'busybox vi'), { output: 'vi: applet not found\n', exitCode: 127 });
  });

  it("lists the machine's programs in help", () => {
    const { output } = run(state, 'help insmod modprobe');
    assert.equal(output.split('\n').filter((l) => l !== '').map((l) => l.split(':')[0]).join(','), 'insmod,modprobe');
  });
});
