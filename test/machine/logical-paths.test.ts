/**
 * Logical and physical working directories (bash's cd/pwd, coreutils' pwd) over Debian 12's
 * merged-/usr links and sysfs's class links, and `..` read by the kernel's path walk: from
 * /lib (-> usr/lib) the parent is /usr. Expected texts are 26-shell-paths' recordings.
 */
import { strict as assert } from 'node:assert';
import { bootMachine, execLine, type MachineState } from '../../src/machine/machine';

describe('logical and physical paths', () => {
  const options = { clock: (): number => Date.UTC(2026, 11, 4, 17, 0, 0), hostname: 'oracle' };
  let machine: MachineState;
  const run = (line: string): [string, number] => {
    const r = execLine(machine, line, options);
    return [r.output, r.exitCode];
  };
  beforeEach(() => {
    machine = bootMachine(options);
  });

  const rows: Array<[string, string, number]> = [
    ['cd /lib && pwd', '/lib\n', 0],
    ['cd /lib && pwd -P', '/usr/lib\n', 0],
    ['cd /lib && pwd -LP && pwd -PL', '/usr/lib\n/lib\n', 0],
    ['cd -P /lib/modules && pwd', '/usr/lib/modules\n', 0],
    ['cd /lib && cd .. && pwd', '/\n', 0],
    ['cd -P /lib && cd .. && pwd', '/usr\n', 0],
    ['cd /lib && cd ../etc && pwd', '/etc\n', 0],
    ['cd -P /lib && cd ../etc; echo $?', 'bash: line 1: cd: ../etc: No such file or directory\n1\n', 0],
    ['cd /lib && cat ../etc/hostname', 'cat: ../etc/hostname: No such file or directory\n', 1],
    ['cat /lib/../etc/hostname', 'cat: /lib/../etc/hostname: No such file or directory\n', 1],
    ['readlink -f /lib/..', '/usr\n', 0],
    ['cd //lib && pwd', '//lib\n', 0],
    ['cd /sbin/ && pwd', '/sbin\n', 0],
    ['cd /bin && cd - && pwd', '/root\n/root\n', 0],
    ['cd /sys/class/net/lo && pwd && pwd -P', '/sys/class/net/lo\n/sys/devices/virtual/net/lo\n', 0],
    ['cd -P /sys/class/net/lo/.. && pwd', '/sys/devices/virtual/net\n', 0],
    ['cd /lib && /bin/pwd && /bin/pwd -L', '/usr/lib\n/lib\n', 0],
    ['cd -x', 'bash: line 1: cd: -x: invalid option\ncd: usage: cd [-L|[-P [-e]] [-@]] [dir]\n', 2],
    ['cd a b', 'bash: line 1: cd: too many arguments\n', 1],
    ['pwd -x', 'bash: line 1: pwd: -x: invalid option\npwd: usage: pwd [-LP]\n', 2],
    ['pwd extra', '/root\n', 0],
    ['cd /etc/hostname', 'bash: line 1: cd: /etc/hostname: Not a directory\n', 1],
    ['cd /lib/modules/nosuch/..', 'bash: line 1: cd: /lib/modules/nosuch/..: No such file or directory\n', 1],
  ];
  for (const [line, output, status] of rows) {
    it(`$ ${line}`, () => assert.deepEqual(run(line), [output, status]));
  }

  it("follows a user's link logically and its parent physically", () => {
    run('ln -s /lib/modules /root/mods');
    assert.deepEqual(run('cd /root/mods && pwd && pwd -P'), ['/root/mods\n/usr/lib/modules\n', 0]);
    assert.deepEqual(run('cd /root/mods/.. && pwd'), ['/root\n', 0]);
    assert.deepEqual(run('cd -P /root/mods/.. && pwd'), ['/usr/lib\n', 0]);
    assert.deepEqual(run('cd /root/mods && ls -d ../../bin'), ['../../bin\n', 0]);
  });

  it('keeps a link loop an error of the walk, not of the lexical path', () => {
    run('ln -s loop /root/loop');
    assert.deepEqual(run('cd /root/loop/..'), ['bash: line 1: cd: /root/loop/..: Too many levels of symbolic links\n', 1]);
  });
});
