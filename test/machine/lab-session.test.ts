/**
 * A lab session's file and module-tree work on one machine, as the oracle recorded it in
 * test/fixtures/transcripts/20-lab-tools.txt (kernel 6.1.0-57 there; paths use $(uname -r)).
 */
import { strict as assert } from 'node:assert';
import { freshMachineEachTest } from './fresh-machine';

describe('a lab session on the machine', () => {
  const { run, advance } = freshMachineEachTest();

  it('resolves the merged-/usr links (20-lab-tools)', () => {
    assert.deepEqual(run('readlink -f /lib/modules'), { output: '/usr/lib/modules\n', status: 0 });
    assert.deepEqual(run("ls -l / | grep -e lib -e bin | grep -o '[a-z0-9]* -> .*'"), { output: 'bin -> usr/bin\nlib -> usr/lib\nlib64 -> usr/lib64\nsbin -> usr/sbin\n', status: 0 });
    assert.equal(run('ls -ld /lib/').output.slice(0, 10), 'drwxr-xr-x');
  });

  it('builds a subdirectory of the module tree through /lib and indexes it with depmod (20-lab-tools)', () => {
    assert.deepEqual(run('mkdir -p /lib/modules/$(uname -r)/extra/sub'), { output: '', status: 0 });
    // the oracle copied hello.ko; a second hello.ko in extra/ would make depmod's pick depend
    // on the file system's readdir order (first found wins), so this one gets its own name
    assert.deepEqual(run('cp hello.ko /lib/modules/$(uname -r)/extra/sub/hi.ko'), { output: '', status: 0 });
    assert.deepEqual(run('ls /usr/lib/modules/$(uname -r)/extra/sub'), { output: 'hi.ko\n', status: 0 });
    assert.deepEqual(run('depmod'), { output: '', status: 0 });
    assert.deepEqual(run('grep sub/ /lib/modules/$(uname -r)/modules.dep'), { output: 'extra/sub/hi.ko:\n', status: 0 });
    assert.deepEqual(run('rm -r /lib/modules/$(uname -r)/extra/sub'), { output: '', status: 0 });
    assert.deepEqual(run('depmod'), { output: '', status: 0 });
    assert.deepEqual(run('grep -c sub/ /lib/modules/$(uname -r)/modules.dep'), { output: '0\n', status: 1 });
  });

  it('lets depmod replace a deleted or garbage modules.dep (20-lab-tools)', () => {
    const before = run('cat /lib/modules/$(uname -r)/modules.dep').output;
    run('rm /lib/modules/$(uname -r)/modules.dep');
    assert.equal(run('ls /lib/modules/$(uname -r)/modules.dep').status, 2);
    run('depmod');
    assert.deepEqual(run('ls /lib/modules/$(uname -r)/modules.dep'), { output: '/lib/modules/6.1.0-56-amd64/modules.dep\n', status: 0 });
    run('echo garbage > /lib/modules/$(uname -r)/modules.dep');
    run('depmod');
    assert.equal(run('cat /lib/modules/$(uname -r)/modules.dep').output, before);
  });

  it('makes and reads symbolic links as coreutils do (20-lab-tools)', () => {
    assert.deepEqual(run('ln -s hello.ko link.ko'), { output: '', status: 0 });
    assert.deepEqual(run('ls -l link.ko'), { output: 'lrwxrwxrwx 1 root root 8 Dec  4 17:00 link.ko -> hello.ko\n', status: 0 });
    assert.deepEqual(run('readlink link.ko'), { output: 'hello.ko\n', status: 0 });
    assert.deepEqual(run('insmod link.ko && lsmod | grep -c hello'), { output: '1\n', status: 0 });
  });

  it('stops a lookup after 40 links with ELOOP', () => {
    run('ln -s l2 /tmp/l1; ln -s l1 /tmp/l2');
    assert.deepEqual(run('cat /tmp/l1'), { output: 'cat: /tmp/l1: Too many levels of symbolic links\n', status: 1 });
  });

  it('reads /dev/zero boundedly (20-lab-tools)', () => {
    assert.deepEqual(run('head -c 8 /dev/zero | od -c'), { output: '0000000  \\0  \\0  \\0  \\0  \\0  \\0  \\0  \\0\n0000010\n', status: 0 });
    assert.deepEqual(run('head -c 16 /dev/urandom | wc -c'), { output: '16\n', status: 0 });
    assert.deepEqual(run('cat /dev/zero | head -c 1G | wc -c'), { output: '4194304\n', status: 0 });
  });

  it('finds the kmod tools in /usr/sbin (20-lab-tools)', () => {
    assert.deepEqual(run('which insmod modprobe'), { output: '/usr/sbin/insmod\n/usr/sbin/modprobe\n', status: 0 });
    assert.deepEqual(run('id'), { output: 'uid=0(root) gid=0(root) groups=0(root)\n', status: 0 });
    assert.deepEqual(run('whoami'), { output: 'root\n', status: 0 });
  });

  it('moves the machine clock on by a sleep, without waiting', () => {
    const uptime = (): number => Number(run('cut -d" " -f1 /proc/uptime').output);
    const t0 = uptime();
    const started = Date.now();
    assert.deepEqual(run('sleep 2'), { output: '', status: 0 });
    assert.ok(Date.now() - started < 1000);
    assert.equal(Math.round((uptime() - t0) * 100), 200);
    advance(60_000);
    assert.equal(Math.round((uptime() - t0) * 100), 6200);
    assert.deepEqual(run('sleep 1x'), { output: "sleep: invalid time interval '1x'\nTry 'sleep --help' for more information.\n", status: 1 });
  });
});
