import { strict as assert } from 'node:assert';
import { BASH_TABLE } from './bash-table';
import { fakeSystem, type Fake } from './fake-system';
import { MAX_COMMANDS, MAX_LINE } from '../../src/shell/limits';
import type { Tool } from '../../src/userland/tool';
import type { Process } from '../../src/kernel/process';
import { toolsByName } from '../../src/userland';

describe('shell: lines behave as bash 5.2 -c runs them', () => {
  for (const [line, output, status, what] of BASH_TABLE) {
    it(`${what}: ${JSON.stringify(line)}`, () => {
      const r = fakeSystem().run(line);
      assert.deepEqual({ output: r.output, status: r.exitCode }, { output, status });
    });
  }
});

describe('shell: output streams', () => {
  it('keeps stdout and stderr apart and merges them in write order', () => {
    const r = fakeSystem().run('echo out; foo; echo again');
    assert.equal(r.stdout, 'out\nagain\n');
    assert.equal(r.stderr, 'bash: line 1: foo: command not found\n');
    assert.equal(r.output, 'out\nbash: line 1: foo: command not found\nagain\n');
  });

  it('sends 2>&1 into the pipe and >file away from the terminal', () => {
    const f = fakeSystem();
    const r = f.run('cat /nope 2>&1 | wc -l');
    assert.equal(r.output, '1\n');
    assert.equal(f.run('echo kept > /tmp/out; cat /tmp/out').output, 'kept\n');
  });

  it('appends with >> and truncates with >', () => {
    const f = fakeSystem();
    f.run('echo one > /root/f; echo two >> /root/f');
    assert.equal(f.run('cat /root/f').output, 'one\ntwo\n');
    f.run('echo three > /root/f');
    assert.equal(f.run('cat f').output, 'three\n');
  });

  it('creates an empty file with ": > name"', () => {
    const f = fakeSystem();
    assert.equal(f.run(': > empty.ko').exitCode, 0);
    assert.equal(f.run('wc -c empty.ko').output, '0 empty.ko\n');
  });

  it('reads a file with < and a here-string with <<<', () => {
    const f = fakeSystem();
    assert.equal(f.run('wc -l < /etc/passwd').output, '2\n');
    assert.equal(f.run('grep -c x <<< "x y"').output, '1\n');
  });

  it('sends &> to one file', () => {
    const f = fakeSystem();
    f.run('cat /etc/hostname /nope &> /root/both');
    assert.equal(f.run('cat /root/both').output, 'oracle\ncat: /nope: No such file or directory\n');
  });

  it('reports the clear sequence instead of printing it', () => {
    const r = fakeSystem().run('clear');
    assert.equal(r.clear, true);
    assert.equal(r.output, '');
  });
});

describe('shell: sysfs and the kernel log through redirections', () => {
  const PARAM = '/sys/module/hello_param/parameters';

  it('writes a module parameter through the sysfs store', () => {
    const f = fakeSystem();
    assert.equal(f.run(`echo 123 > ${PARAM}/myint`).exitCode, 0);
    assert.equal(f.run(`cat ${PARAM}/myint`).output, '123\n');
  });

  it('reports -EINVAL from a store as echo\'s write error', () => {
    const r = fakeSystem().run(`echo abc > ${PARAM}/myint`);
    assert.deepEqual([r.output, r.exitCode], ['bash: line 1: echo: write error: Invalid argument\n', 1]);
  });

  it('reports a write error of a program under its own name', () => {
    const f = fakeSystem();
    f.run('echo abc > /root/bad');
    const r = f.run(`cat /root/bad > ${PARAM}/myint`);
    assert.deepEqual([r.output, r.exitCode], ['cat: write error: Invalid argument\n', 1]);
  });

  it('refuses to open a read-only attribute for writing (Permission denied), as in transcript 04', () => {
    const r = fakeSystem().run(`echo world > ${PARAM}/mystring`);
    assert.deepEqual([r.output, r.exitCode], [`bash: line 1: ${PARAM}/mystring: Permission denied\n`, 1]);
  });

  it('continues the line after a write error and sets $?', () => {
    const r = fakeSystem().run(`echo abc > ${PARAM}/myint; echo "exit=$?"`);
    assert.equal(r.output, 'bash: line 1: echo: write error: Invalid argument\nexit=1\n');
  });

  it('cannot create files in sysfs', () => {
    const r = fakeSystem().run('echo 1 > /sys/module/hello_param/newfile');
    assert.equal(r.output, 'bash: line 1: /sys/module/hello_param/newfile: Permission denied\n');
  });

  it('printk()s a write to /dev/kmsg at facility user, default level, and returns it in klog', () => {
    const f = fakeSystem();
    const r = f.run('echo hello from user > /dev/kmsg');
    assert.equal(r.klog.length, 1);
    assert.deepEqual([r.klog[0].text, r.klog[0].facility, r.klog[0].level], ['hello from user', 1, 4]);
  });

  it('takes a <N> prefix written to /dev/kmsg as the level', () => {
    const r = fakeSystem().run("printf '<2>boom\\n' > /dev/kmsg");
    assert.deepEqual([r.klog[0].text, r.klog[0].level, r.klog[0].facility], ['boom', 2, 1]);
  });

  it('returns only the records the line caused', () => {
    const f = fakeSystem();
    f.run('echo first > /dev/kmsg');
    const r = f.run('echo second > /dev/kmsg; dmesg -C');
    assert.deepEqual(r.klog.map((k) => k.text), ['second']);
  });

  it('discards writes to /dev/null', () => {
    assert.equal(fakeSystem().run('cat /etc/hostname > /dev/null').output, '');
  });
});

describe('shell: globbing', () => {
  it('expands * in the C locale order and skips dot files', () => {
    const f = fakeSystem();
    f.run('echo > /root/b.ko; echo > /root/a.ko; echo > /root/.hidden.ko; echo > /root/B.ko');
    assert.equal(f.run('echo *.ko').output, 'B.ko a.ko b.ko hello.ko\n');
    assert.equal(f.run('echo .*.ko').output, '.hidden.ko\n');
  });

  it('expands ? and [...] and keeps a pattern that matches nothing', () => {
    const f = fakeSystem();
    assert.equal(f.run('echo /etc/host?ame /etc/[ph]asswd /etc/*.none').output, '/etc/hostname /etc/passwd /etc/*.none\n');
  });

  it('expands sysfs paths like cat /sys/module/M/parameters/*', () => {
    assert.equal(fakeSystem().run('cat /sys/module/hello_param/parameters/*').output, '42\n1,2,3,4\nblah\n');
  });

  it('does not glob quoted characters', () => {
    assert.equal(fakeSystem().run("echo '/etc/*' \"/etc/*\" /etc/\\*").output, '/etc/* /etc/* /etc/*\n');
  });
});

describe('shell: programs, builtins and users', () => {
  it('runs a tool by its path in /usr/bin or /sbin', () => {
    assert.equal(fakeSystem().run('/usr/bin/cat /etc/hostname').output, 'oracle\n');
  });

  it('refuses to execute a file that is not executable', () => {
    const r = fakeSystem().run('./hello.ko');
    assert.deepEqual([r.output, r.exitCode], ['bash: line 1: ./hello.ko: Permission denied\n', 126]);
  });

  it('runs the command after sudo as root', () => {
    assert.equal(fakeSystem().run('sudo cat /etc/hostname').output, 'oracle\n');
  });

  it('does not find a shell builtin through sudo', () => {
    const r = fakeSystem().run('sudo cd /tmp');
    assert.deepEqual([r.output, r.exitCode], ['sudo: cd: command not found\n', 1]);
  });

  it('runs a command as uid 65534 under setpriv and restores root afterwards', () => {
    const f = fakeSystem();
    const r = f.run('setpriv --reuid=65534 --regid=65534 --clear-groups dmesg; dmesg | head -n 1');
    assert.equal(
      r.output,
      'dmesg: read kernel buffer failed: Operation not permitted\n[    0.000000] Linux version 6.1.0-56-amd64 (debian-kernel@lists.debian.org)\n',
    );
    assert.equal(f.sys.uid, 0);
  });

  it('insists on a groups option when setpriv changes the gid', () => {
    const r = fakeSystem().run('setpriv --reuid=65534 --regid=65534 dmesg');
    assert.deepEqual([r.output, r.exitCode], ['setpriv: --[re]gid requires --keep-groups, --clear-groups, --init-groups, or --groups\n', 1]);
  });

  it('reports a program setpriv cannot find', () => {
    const r = fakeSystem().run('setpriv --reuid=65534 --clear-groups cd /');
    assert.deepEqual([r.output, r.exitCode], ['setpriv: failed to execute cd: No such file or directory\n', 127]);
  });

  it('keeps VAR=value for the one command it prefixes', () => {
    assert.equal(fakeSystem().run('X=1 printf "%s\\n" "${X:-none}"; echo ${X:-none}').output, 'none\nnone\n');
  });

  it('does not let cd in a pipeline element change the shell directory', () => {
    assert.equal(fakeSystem().run('cd /tmp | true; pwd').output, '/root\n');
  });

  it('reports a program that dies of SIGSEGV when it is not the last command', () => {
    // the kernel killed it (BUG() in a module's init): the process died of SIGSEGV
    const crash: Tool = { name: 'crash', main: (_argv, _io, sys) => ((sys.kernel.processes.current as Process).killedBy = 11, 139) };
    const tools = new Map(toolsByName);
    tools.set('crash', crash);
    const f = fakeSystem([], tools);
    const r = f.run('crash bug_on.ko; echo "exit=$?"');
    assert.match(r.output, /^bash: line 1: {3}\d{3} Segmentation fault {6}crash bug_on\.ko\nexit=139\n$/);
    assert.equal(f.run('crash bug_on.ko').output, '');
    assert.equal(f.run('crash bug_on.ko').exitCode, 139);
  });

  it('reports no death for a status above 128 a program exited with (bash -c "exit 139")', () => {
    const exits: Tool = { name: 'exits', main: () => 139 };
    const tools = new Map(toolsByName);
    tools.set('exits', exits);
    const f = fakeSystem([], tools);
    assert.equal(f.run('exits; echo "exit=$?"').output, 'exit=139\n');
    assert.equal(f.run('bash -c "exit 137"; echo $?').output, '137\n');
  });

  it('lists the shared history with who ran what', () => {
    const history = [
      { user: 'alice', line: 'insmod hello.ko', at: 0, status: 0 },
      { user: 'bob', line: 'lsmod', at: 1, status: 0 },
    ];
    const f = fakeSystem(history);
    assert.equal(f.run('history').output, '    1  alice  insmod hello.ko\n    2  bob    lsmod\n');
    assert.equal(f.run('history 1').output, '    2  bob    lsmod\n');
  });
});

describe('shell: bounds', () => {
  it('refuses a line longer than one execve argument may be', () => {
    const r = fakeSystem().run('echo ' + 'x'.repeat(MAX_LINE));
    assert.deepEqual([r.output, r.exitCode], ['bash: /bin/bash: Argument list too long\n', 126]);
  });

  it('survives deep nesting of $( ) with a syntax error', () => {
    const line = 'echo ' + '$('.repeat(200) + 'echo x' + ')'.repeat(200);
    const r = fakeSystem().run(line);
    assert.equal(r.exitCode, 2);
    assert.match(r.output, /^bash: -c: line 1: maximum nesting level exceeded \(64\)\n$/);
  });

  it('handles nesting within the bound', () => {
    const line = 'echo ' + '$(echo '.repeat(20) + 'x' + ')'.repeat(20);
    assert.equal(fakeSystem().run(line).output, 'x\n');
  });

  it('stops a line that starts too many processes (builtins are not counted)', () => {
    const r = fakeSystem().run(`for i in {1..${MAX_COMMANDS + 10}}; do uname; done > /dev/null`);
    assert.equal(r.output, 'bash: fork: retry: Resource temporarily unavailable\n');
    assert.equal(r.exitCode, 254);
  });

  it('handles a long pipeline of cheap commands', () => {
    const line = 'echo a' + ' | cat'.repeat(500);
    assert.equal(fakeSystem().run(line).output, 'a\n');
  });

  it('does not throw on odd input', () => {
    const f: Fake = fakeSystem();
    for (const line of ['', ' ', '\t', '\\', '"', "'", '$', '${', '$((', '`', '((', '))', '{', '}', '!', '!!', '&&', '||', ';;', '<', '>', '2>', '<<', '<<<', '>&', '$(', 'echo $(', '\n\n', 'echo a\necho b']) {
      assert.doesNotThrow(() => f.run(line), line);
    }
  });

  it('runs several lines given at once, numbering errors by line', () => {
    assert.equal(fakeSystem().run('echo a\nfoo').output, 'a\nbash: line 2: foo: command not found\n');
  });
});
