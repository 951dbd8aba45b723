import { strict as assert } from 'node:assert';
import { fakeSystem, type Fake } from '../shell/fake-system';

/** The fake ring: five boot records (one multi-line, warn and debug levels) at boot + 0…4.9 s. */
function machine(): Fake {
  return fakeSystem();
}

describe('dmesg: formats', () => {
  it('prints a record again as it is now: a text grown since (KERN_CONT), a time changed, control bytes escaped (a tab is not)', () => {
    const m = machine();
    const first = m.run('dmesg | head -n 1').output;
    const rec = m.kernel.state.printk.records[0];
    rec.text += ' \x01bell\tand tab';
    assert.notEqual(m.run('dmesg | head -n 1').output, first);
    assert.equal(m.run('dmesg | head -n 1').output, '[    0.000000] Linux version 6.1.0-56-amd64 (debian-kernel@lists.debian.org) \\x01bell\tand tab\n');
    rec.usec = 1_500_000;
    assert.equal(m.run('dmesg | head -n 1').output, '[    1.500000] Linux version 6.1.0-56-amd64 (debian-kernel@lists.debian.org) \\x01bell\tand tab\n');
    assert.equal(m.run('dmesg -t | head -n 1').output, 'Linux version 6.1.0-56-amd64 (debian-kernel@lists.debian.org) \\x01bell\tand tab\n');
  });

  it('prints "[%5lu.%06lu] " and indents continuation lines without a timestamp (01b)', () => {
    const r = machine().run('dmesg | tail -n 5');
    assert.equal(
      r.output,
      '[    4.541815] Unstable clock detected, switching default tracing clock to "global"\n' +
        '               If you want to keep using the local clock, then add:\n' +
        '                 "trace_clock=local"\n' +
        '               on the kernel command line\n' +
        '[    4.935601]     TERM=linux\n',
    );
  });

  it('decodes facility and level with -x (09)', () => {
    assert.equal(machine().run('dmesg -x | head -n 3').output, 'kern  :notice: [    0.000000] Linux version 6.1.0-56-amd64 (debian-kernel@lists.debian.org)\nkern  :info  : [    0.000000] Command line: console=ttyS0 panic=-1\nkern  :warn  : [    0.048000] tsc: Unable to calibrate against PIT\n');
  });

  it('indents continuation lines past the -x prefix', () => {
    assert.equal(machine().run('dmesg -x | tail -n 2 | head -n 1').output, '                              on the kernel command line\n');
  });

  it('prints the raw "<N>" prefix with -r (09)', () => {
    assert.equal(machine().run('dmesg -r | tail -n 1').output, '<7>[    4.935601]     TERM=linux\n');
  });

  it('drops the timestamp with -t', () => {
    assert.equal(machine().run('dmesg -t | head -n 1').output, 'Linux version 6.1.0-56-amd64 (debian-kernel@lists.debian.org)\n');
  });

  it('prints wall-clock times from the boot time with -T', () => {
    assert.equal(machine().run('dmesg -T | tail -n 1').output, '[Wed Nov 25 20:17:57 2026]     TERM=linux\n');
  });

  it('prints the relative format with -H when stdout is not a terminal', () => {
    const lines = machine().run('dmesg -H').output.split('\n');
    assert.deepEqual(lines.slice(0, 4), [
      '[Nov25 20:17] Linux version 6.1.0-56-amd64 (debian-kernel@lists.debian.org)',
      '[  +0.000000] Command line: console=ttyS0 panic=-1',
      // record_count_delta(): no delta while the last time is 0.000000 (!timerisset), 2.38.1
      '[  +0.000000] tsc: Unable to calibrate against PIT',
      '[  +4.493815] Unstable clock detected, switching default tracing clock to "global"',
    ]);
  });

  it('shows deltas with -d, none after a record at 0.000000 (util-linux 2.38.1 record_count_delta)', () => {
    assert.equal(machine().run('dmesg -d | head -n 3 | tail -n 1').output, '[    0.048000 <    0.000000>] tsc: Unable to calibrate against PIT\n');
  });

  it('prints ISO times with --time-format iso', () => {
    assert.equal(machine().run('dmesg --time-format iso | head -n 1').output, '2026-11-25T20:17:53,000000+00:00 Linux version 6.1.0-56-amd64 (debian-kernel@lists.debian.org)\n');
  });

  it('prints every line with its prefix under -p', () => {
    assert.equal(machine().run('dmesg -p -l warn | tail -n 2').output, '[    4.541815]   "trace_clock=local"\n[    4.541815] on the kernel command line\n');
  });

  it('writes JSON with -J and nothing at all when no record is accepted', () => {
    const f = machine();
    assert.equal(
      f.run('dmesg -J -l debug').output,
      '{\n   "dmesg": [\n      {\n         "pri": 7,\n         "time":     4.935601,\n         "msg": "    TERM=linux"\n      }\n   ]\n}\n',
    );
    assert.equal(f.run('dmesg -J -l emerg').output, '');
  });

  it('escapes unprintable characters unless --noescape', () => {
    const f = machine();
    f.run("printf 'x\\033y\\n' > /dev/kmsg");
    assert.equal(f.run('dmesg -t | tail -n 1').output, 'x\\x1by\n');
    assert.equal(f.run('dmesg -t --noescape | tail -n 1').output, 'x\x1by\n');
  });

  it('prints an empty record as an empty line', () => {
    const f = machine();
    f.run('echo > /dev/kmsg');
    assert.equal(f.run('dmesg | tail -n 1').output, '\n');
  });
});

describe('dmesg: filters', () => {
  it('selects levels with --level=err,warn and -l warn (09)', () => {
    const f = machine();
    const want = '[    0.048000] tsc: Unable to calibrate against PIT\n[    4.541815] Unstable clock detected, switching default tracing clock to "global"\n';
    assert.equal(f.run('dmesg --level=err,warn | head -n 2').output, want);
    assert.equal(f.run('dmesg -l warn | head -n 2').output, want);
    assert.equal(f.run('dmesg -l 4 | head -n 2').output, want);
  });

  it('prints nothing for an empty level list', () => {
    const r = machine().run("dmesg -l ''");
    assert.deepEqual([r.output, r.exitCode], ['', 0]);
  });

  it('refuses an unknown level, quoting the rest of the list as 2.38.1 does', () => {
    const f = machine();
    assert.deepEqual([f.run('dmesg -l foo').output, f.run('dmesg -l foo').exitCode], ["dmesg: unknown level 'foo'\n", 1]);
    assert.equal(f.run('dmesg -l foo,err').output, "dmesg: unknown level 'foo,err'\n");
    assert.equal(f.run('dmesg --level err,').output, "dmesg: unknown level 'err,'\n");
    assert.equal(f.run('dmesg -l err+').output, "dmesg: unknown level 'err+'\n");
    assert.equal(f.run('dmesg -l 8').output, "dmesg: unknown level '8'\n");
  });

  it('separates kernel (-k) from userspace (-u) records by facility', () => {
    const f = machine();
    f.run('echo from user > /dev/kmsg');
    assert.equal(f.run('dmesg -u').output, '[    7.150978] from user\n');
    assert.equal(f.run('dmesg -k | tail -n 1').output, '[    4.935601]     TERM=linux\n');
    assert.equal(f.run('dmesg -f user -x').output, 'user  :warn  : [    7.150978] from user\n');
  });

  it('prints a user record\'s raw priority the way 2.38.1 computes it (facility | level)', () => {
    const f = machine();
    f.run('echo from user > /dev/kmsg');
    assert.equal(f.run('dmesg -r -u').output, '<5>[    7.150978] from user\n');
  });

  it('refuses an unknown facility', () => {
    assert.equal(machine().run('dmesg -f foo').output, "dmesg: unknown facility 'foo'\n");
  });

  it('filters by time with --since and --until', () => {
    const f = machine();
    assert.equal(f.run("dmesg --since '-1min' | tail -n 1").output, '[    4.935601]     TERM=linux\n');
    assert.equal(f.run('dmesg --since now').output, '');
    assert.equal(f.run("dmesg --until '2026-11-25 20:17:54' | wc -l").output, '3\n');
    assert.equal(f.run('dmesg --since foo').output, 'dmesg: invalid time value "foo"\n');
  });
});

describe('dmesg: reading, clearing and permissions', () => {
  it('prints then clears with -c, so the next read is empty (09)', () => {
    const f = machine();
    assert.equal(f.run('dmesg -c | wc -l').output, '8\n');
    assert.deepEqual([f.run('dmesg').output, f.run('dmesg').exitCode], ['', 0]);
  });

  it('clears silently with -C and shows only later records', () => {
    const f = machine();
    assert.equal(f.run('dmesg -C').output, '');
    f.run('echo later > /dev/kmsg');
    assert.equal(f.run('dmesg').output, '[    7.150978] later\n');
  });

  it('refuses to read for uid 65534 when dmesg_restrict is 1 (09)', () => {
    const r = machine().run('setpriv --reuid=65534 --regid=65534 --clear-groups dmesg');
    assert.deepEqual([r.output, r.exitCode], ['dmesg: read kernel buffer failed: Operation not permitted\n', 1]);
  });

  it('refuses to clear for an unprivileged user', () => {
    const r = machine().run('setpriv --reuid=65534 --clear-groups dmesg -C');
    assert.deepEqual([r.output, r.exitCode], ['dmesg: clear kernel buffer failed: Operation not permitted\n', 1]);
  });

  it('sets the console level with -n', () => {
    const f = machine();
    assert.equal(f.run('dmesg -n 1; cat /proc/sys/kernel/printk').output, '1\t4\t1\t7\n');
    assert.equal(f.run('dmesg -n 9').output, "dmesg: unknown level '9'\n");
  });

  it('accepts -s and -L/--color=never', () => {
    const f = machine();
    assert.equal(f.run('dmesg -s 64 | wc -l').output, '8\n');
    assert.equal(f.run('dmesg --color=never | wc -l').output, '8\n');
    assert.equal(f.run('dmesg -s abc').output, "dmesg: invalid buffer size argument: 'abc'\n");
  });

  it('reads a saved buffer with -F', () => {
    const f = machine();
    f.run("printf '<6>[    1.000000] saved line\\n' > /root/saved");
    assert.equal(f.run('dmesg -F saved').output, '[    1.000000] saved line\n');
    assert.equal(f.run('dmesg -F /nope').output, 'dmesg: cannot open /nope: No such file or directory\n');
  });
});

describe('dmesg: usage errors', () => {
  const cases: Array<[string, string]> = [
    ['dmesg --foo', "dmesg: unrecognized option '--foo'\nTry 'dmesg --help' for more information.\n"],
    ['dmesg -Z', "dmesg: invalid option -- 'Z'\nTry 'dmesg --help' for more information.\n"],
    ['dmesg -l', "dmesg: option requires an argument -- 'l'\nTry 'dmesg --help' for more information.\n"],
    ['dmesg --level', "dmesg: option '--level' requires an argument\nTry 'dmesg --help' for more information.\n"],
    ['dmesg extra', "dmesg: bad usage\nTry 'dmesg --help' for more information.\n"],
    ['dmesg -r -x', 'dmesg: mutually exclusive arguments: --raw --decode\n'],
    ['dmesg -H -r', 'dmesg: mutually exclusive arguments: --human --raw\n'],
    ['dmesg -c -C', 'dmesg: mutually exclusive arguments: --clear --console-off --console-on --read-clear --console-level --raw\n'],
    ['dmesg --time-format foo', 'dmesg: unknown time format: foo\n'],
  ];
  for (const [line, output] of cases) {
    it(`refuses ${JSON.stringify(line)}`, () => {
      const r = machine().run(line);
      assert.deepEqual([r.output, r.exitCode], [output, 1]);
    });
  }

  it('prints its help to stdout and the version', () => {
    const f = machine();
    const help = f.run('dmesg --help');
    assert.equal(help.exitCode, 0);
    assert.match(help.stdout, /^\nUsage:\n dmesg \[options\]\n/);
    assert.match(help.stdout, /\n    news - network news subsystem\n\nSupported log levels \(priorities\):\n   emerg - system is unusable\n/);
    assert.equal(f.run('dmesg -V').output, 'dmesg from util-linux 2.38.1\n');
  });
});
