/**
 * readdir order on the simulated disk: a 6.1 tmpfs lists newest first, and the oracle's root
 * was unpacked from a C-sorted archive, so find(1), `ls -U` and depmod's walk meet shipped
 * entries in reverse byte order, after everything made since (20-lab-tools, 21-lab-pipelines).
 */
import { strict as assert } from 'node:assert';
import { bootMachine, execLine, type MachineState } from '../../src/machine/machine';

describe('readdir order (tmpfs: newest entry first)', () => {
  let now = Date.UTC(2026, 11, 5, 8, 0, 0);
  const options = { clock: (): number => now };
  let machine: MachineState;
  const run = (line: string): string => {
    now += 1000;
    return execLine(machine, line, options).output;
  };
  const names = (dir: string): string[] => run(`ls -U ${dir}`).split('\n').filter((l) => l !== '');
  beforeEach(() => {
    machine = bootMachine(options);
  });

  it('lists the shipped entries of /root in reverse byte order, as find showed them', () => {
    assert.equal(run("find /root -maxdepth 1 -name 'mod_*.ko' -exec basename {} \\;"), 'mod_d_prop.ko\nmod_c_prop.ko\nmod_b.ko\nmod_a.ko\n');
    assert.equal(run("find /lib/modules/$(uname -r) -maxdepth 1 -type d"), '/lib/modules/6.1.0-56-amd64\n/lib/modules/6.1.0-56-amd64/kernel\n/lib/modules/6.1.0-56-amd64/extra\n');
  });

  it('puts the index files depmod rewrote at boot first in the module directory, the last written first', () => {
    const list = names('/lib/modules/$(uname -r)');
    assert.deepEqual(list.slice(0, 3), ['modules.devname', 'modules.builtin.alias.bin', 'modules.builtin.bin']);
    assert.ok(list.indexOf('modules.dep') < list.indexOf('modules.order'));
  });

  it('lists what was made on this machine before the shipped entries, newest first', () => {
    run('touch /root/b.txt; mkdir /root/a.d; ln -s b.txt /root/c.lnk');
    assert.deepEqual(names('/root').slice(0, 4), ['c.lnk', 'a.d', 'b.txt', 'noexit.ko']);
  });

  it('keeps the place of a file written over, and moves one removed and made again to the front', () => {
    run('echo x > /root/hello.ko');
    assert.equal(names('/root').indexOf('hello.ko'), names('/root').indexOf('hello_param.ko') + 2);
    run('rm /root/mod_a.ko; cp /root/mod_b.ko /root/mod_a.ko');
    assert.equal(names('/root')[0], 'mod_a.ko');
    run('touch /root/new; echo y > /root/mod_a.ko');
    assert.deepEqual(names('/root').slice(0, 2), ['new', 'mod_a.ko']);
  });

  it('makes a renamed entry the newest, a directory with its contents in their order', () => {
    run('mv /root/fail_eperm.ko /root/z.ko');
    assert.equal(names('/root')[0], 'z.ko');
    run('mkdir -p /root/d; touch /root/d/1 /root/d/2 /root/d/3; touch /root/last; mv /root/d /root/e');
    assert.equal(names('/root')[0], 'e');
    assert.deepEqual(names('/root/e'), ['3', '2', '1']);
    run('mv /root/e /lib/modules/$(uname -r)/extra/e && mv /lib/modules/$(uname -r)/extra /root/x');
    assert.deepEqual(names('/root/x').slice(0, 3), ['e', 'noexit.ko', 'mod_d_prop.ko']);
  });

  it('lets depmod keep the first module of a name its walk meets (extra/sub before extra/hello.ko)', () => {
    run('mkdir -p /lib/modules/$(uname -r)/extra/sub; cp hello.ko /lib/modules/$(uname -r)/extra/sub/; depmod');
    assert.equal(run('grep -c hello.ko: /lib/modules/$(uname -r)/modules.dep'), '1\n');
    assert.equal(run('grep hello.ko: /lib/modules/$(uname -r)/modules.dep'), 'extra/sub/hello.ko:\n');
  });

  it('gives ls -U and -f the directory order: -r does not reverse it, -f adds . and .. and undoes an earlier -l', () => {
    run('mkdir /tmp/o; touch /tmp/o/a /tmp/o/c /tmp/o/b');
    assert.equal(run('ls -U /tmp/o'), 'b\nc\na\n');
    assert.equal(run('ls -Ur /tmp/o'), 'b\nc\na\n');
    assert.equal(run('ls -r /tmp/o'), 'c\nb\na\n');
    assert.equal(run('ls -lf /tmp/o'), '.\n..\nb\nc\na\n');
    assert.match(run('ls -fl /tmp/o'), /^total 0\ndrwxr-xr-x 2 root root 100 .* \.\n/);
  });

  it('keeps the order through the saved document (JSON keeps key order)', () => {
    run('touch /root/one /root/two');
    machine = JSON.parse(JSON.stringify(machine)) as MachineState;
    assert.deepEqual(names('/root').slice(0, 2), ['two', 'one']);
  });
});

describe('shipped directory modes', () => {
  const options = { clock: (): number => Date.UTC(2026, 11, 5, 8, 0, 0) };
  it('makes /tmp and /var/tmp sticky and world-writable, a directory made in them 0755', () => {
    const machine = bootMachine(options);
    assert.equal(execLine(machine, "stat -c '%a %A' /tmp /var/tmp", options).output, '1777 drwxrwxrwt\n1777 drwxrwxrwt\n');
    assert.equal(execLine(machine, "mkdir /tmp/x && stat -c '%a' /tmp/x /root", options).output, '755\n755\n');
  });
});
