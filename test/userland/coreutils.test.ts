import { strict as assert } from 'node:assert';
import { replayLines } from './line-table';
import { COREUTILS_TABLE, SETUP } from './coreutils-table';
import { fakeSystem, NOW } from '../shell/fake-system';

describe('coreutils: lines behave as on Debian 12', () => {
  replayLines(SETUP, COREUTILS_TABLE);
});

describe('ls', () => {
  it('lists a directory one name per line, sorted byte-wise (C locale)', () => {
    const f = fakeSystem();
    f.run('echo > /tmp/b; echo > /tmp/a; echo > /tmp/_x; echo > /tmp/Z; echo > /tmp/.dot');
    assert.equal(f.run('ls /tmp').output, 'Z\n_x\na\nb\n');
    assert.equal(f.run('ls -a /tmp').output, '.\n..\n.dot\nZ\n_x\na\nb\n');
    assert.equal(f.run('ls -A /tmp').output, '.dot\nZ\n_x\na\nb\n');
  });

  it('prints sysfs attributes with -l as transcript 04 shows them', () => {
    const r = fakeSystem().run('ls -l /sys/module/hello_param/parameters/');
    assert.equal(
      r.output,
      'total 0\n' +
        '-rw-r--r-- 1 root root 4096 Nov 25 20:18 myint\n' +
        '-r--r--r-- 1 root root 4096 Nov 25 20:18 myintarray\n' +
        '-r--r--r-- 1 root root 4096 Nov 25 20:18 mystring\n',
    );
  });

  it('aligns directories (size 0 in sysfs) with files of size 4096', () => {
    const r = fakeSystem().run('ls -l /sys/module/hello_param/');
    assert.equal(
      r.output,
      'total 0\n' +
        'drwxr-xr-x 2 root root    0 Nov 25 20:18 holders\n' +
        'drwxr-xr-x 2 root root    0 Nov 25 20:18 parameters\n' +
        '-r--r--r-- 1 root root 4096 Nov 25 20:18 refcnt\n',
    );
  });

  it('shows a character device as "major, minor"', () => {
    const f = fakeSystem();
    assert.equal(f.run('ls -l /dev/null').output, 'crw-rw-rw- 1 root root 1, 3 Nov 25 20:17 /dev/null\n');
    assert.equal(
      f.run('ls -l /dev').output,
      'total 0\ncrw------- 1 root root 5,  1 Nov 25 20:17 console\ncrw-rw-rw- 1 root root 1,  7 Nov 25 20:17 full\ncrw-r--r-- 1 root root 1, 11 Nov 25 20:17 kmsg\n' +
        'crw-rw-rw- 1 root root 1,  3 Nov 25 20:17 null\ncrw-rw-rw- 1 root root 1,  8 Nov 25 20:17 random\ncrw-rw-rw- 1 root root 1,  9 Nov 25 20:17 urandom\n' +
        'crw-rw-rw- 1 root root 1,  5 Nov 25 20:17 zero\n',
    );
  });

  it('shows /dev/fuse only while the fuse module is loaded, as transcript 08 does', () => {
    const f = fakeSystem();
    const missing = f.run('ls -l /dev/fuse');
    assert.deepEqual([missing.output, missing.exitCode], ["ls: cannot access '/dev/fuse': No such file or directory\n", 2]);
    f.kernel.state.modules.push({ name: 'fuse', image: 'catalog:fuse', state: 'live', refs: 0, uses: [], taint: '', params: {}, paramCounts: {}, address: 0, order: 1 });
    f.kernel.sysfs.mkdirp('/sys/module/fuse', 0o755, NOW);
    assert.equal(f.run('ls -l /dev/fuse').output, 'crw------- 1 root root 10, 229 Nov 25 20:18 /dev/fuse\n');
  });

  it('reports each missing operand and exits 2, listing the rest', () => {
    const r = fakeSystem().run('ls /nope /etc/hostname');
    assert.deepEqual([r.output, r.exitCode], ["ls: cannot access '/nope': No such file or directory\n/etc/hostname\n", 2]);
  });

  it('prints headers for several directories', () => {
    const r = fakeSystem().run('ls /sys/module/hello_param/holders /sys/module/hello_param/parameters');
    assert.equal(r.output, '/sys/module/hello_param/holders:\n\n/sys/module/hello_param/parameters:\nmyint\nmyintarray\nmystring\n');
  });

  it('counts 4K blocks of disk files in "total" and dates old files with the year', () => {
    const f = fakeSystem();
    f.disk.addFile('/root/old.ko', 'x'.repeat(5000), { mtime: Date.UTC(2025, 0, 2, 3, 4) });
    assert.equal(f.run('ls -l old.ko').output, '-rw-r--r-- 1 root root 5000 Jan  2  2025 old.ko\n');
    assert.equal(f.run('ls -l /root').output.split('\n')[0], 'total 12');
  });

  it('rejects an unknown option with status 2', () => {
    const r = fakeSystem().run('ls -Q');
    assert.deepEqual([r.output, r.exitCode], ["ls: invalid option -- 'Q'\nTry 'ls --help' for more information.\n", 2]);
  });
});

describe('cat, grep and head on kernel files', () => {
  it('reports a missing sysfs attribute as transcript 10 does', () => {
    const r = fakeSystem().run('cat /sys/module/hello_param/sections/.text');
    assert.deepEqual([r.output, r.exitCode], ['cat: /sys/module/hello_param/sections/.text: No such file or directory\n', 1]);
  });

  it('prefixes grep -r matches with the path joined to the operand', () => {
    const r = fakeSystem().run('grep -r . /sys/module/hello_param/parameters/');
    assert.equal(r.output, '/sys/module/hello_param/parameters/myint:42\n/sys/module/hello_param/parameters/mystring:blah\n/sys/module/hello_param/parameters/myintarray:1,2,3,4\n');
  });

  it('reports a missing directory to grep -r with status 2', () => {
    const r = fakeSystem().run('grep -r . /sys/module/8139too/parameters/');
    assert.deepEqual([r.output, r.exitCode], ['grep: /sys/module/8139too/parameters/: No such file or directory\n', 2]);
  });
});

describe('uname', () => {
  it('prints all fields as transcript 10 shows', () => {
    assert.equal(fakeSystem().run('uname -a').output, 'Linux oracle 6.1.0-56-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.192-2 (2026-11-16) x86_64 GNU/Linux\n');
  });

  it('prints the release and the node name', () => {
    assert.equal(fakeSystem().run('uname -r; uname -n; uname -v').output, '6.1.0-56-amd64\noracle\n#1 SMP PREEMPT_DYNAMIC Debian 6.1.192-2 (2026-11-16)\n');
  });

  it('uses the release in a path as transcript 08 does', () => {
    const r = fakeSystem().run('ls /lib/modules/$(uname -r)/');
    assert.equal(r.output, 'kernel\n');
  });
});

describe('ip', () => {
  it('shows dummy links from /sys/class/net', () => {
    const f = fakeSystem();
    f.kernel.sysfs.mkdirp('/sys/class/net/lo');
    f.kernel.sysfs.mkdirp('/sys/class/net/dummy0');
    f.kernel.sysfs.addFile('/sys/class/net/dummy0/address', '3a:4b:65:26:a0:14\n');
    f.kernel.sysfs.addFile('/sys/class/net/dummy0/ifindex', '2\n');
    assert.equal(
      f.run('ip link show type dummy').output,
      '2: dummy0: <BROADCAST,NOARP> mtu 1500 qdisc noop state DOWN mode DEFAULT group default qlen 1000\n    link/ether 3a:4b:65:26:a0:14 brd ff:ff:ff:ff:ff:ff\n',
    );
  });

  it('refuses unknown objects, commands and devices as iproute2 6.1 does', () => {
    const f = fakeSystem();
    assert.deepEqual([f.run('ip foo').output, f.run('ip foo').exitCode], ['Object "foo" is unknown, try "ip help".\n', 1]);
    assert.deepEqual([f.run('ip link foo').output, f.run('ip link foo').exitCode], ['Command "foo" is unknown, try "ip link help".\n', 255]);
    assert.deepEqual([f.run('ip link show nosuch').output, f.run('ip link show nosuch').exitCode], ['Device "nosuch" does not exist.\n', 1]);
    assert.equal(f.run('ip').exitCode, 255);
  });
});

describe('busybox', () => {
  it('reports an applet it does not have', () => {
    const r = fakeSystem().run('busybox nosuch');
    assert.deepEqual([r.output, r.exitCode], ['nosuch: applet not found\n', 127]);
  });

  it('runs its dmesg applet over the syslog buffer, repeating the time on continuation lines', () => {
    const r = fakeSystem().run('busybox dmesg | tail -n 5');
    assert.equal(
      r.output,
      '[    4.541815] Unstable clock detected, switching default tracing clock to "global"\n' +
        '[    4.541815] If you want to keep using the local clock, then add:\n' +
        '[    4.541815]   "trace_clock=local"\n' +
        '[    4.541815] on the kernel command line\n' +
        '[    4.935601]     TERM=linux\n',
    );
  });

  it('keeps the <N> prefix with -r and clears with -c', () => {
    const f = fakeSystem();
    assert.equal(f.run('busybox dmesg -r | tail -n 1').output, '<7>[    4.935601]     TERM=linux\n');
    assert.equal(f.run('busybox dmesg -c | wc -l').output, '8\n');
    assert.equal(f.run('dmesg').output, '');
  });
});
