import { strict as assert } from 'node:assert';
import { COMPOUND_TABLE } from './compound-table';
import { fakeSystem } from './fake-system';
import { bootMachine, execLine } from '../../src/machine/machine';
import { MAX_ITERATIONS } from '../../src/shell/limits';

describe('shell: compound commands, functions, test and read behave as bash 5.2 -c runs them', () => {
  for (const [line, output, status, what] of COMPOUND_TABLE) {
    it(`${what}: ${JSON.stringify(line)}`, () => {
      const r = fakeSystem().run(line);
      assert.deepEqual({ output: r.output, status: r.exitCode }, { output, status });
    });
  }
});

describe('shell: loops and tests over the module files', () => {
  const PARAM = '/sys/module/hello_param/parameters';

  it('prints each parameter of a module with a for loop over a sysfs glob', () => {
    const r = fakeSystem().run(`for f in ${PARAM}/*; do echo $f: $(cat $f); done`);
    assert.equal(r.output, `${PARAM}/myint: 42\n${PARAM}/myintarray: 1,2,3,4\n${PARAM}/mystring: blah\n`);
  });

  it('tests sysfs paths with [ -e ], [ -d ] and test -f', () => {
    const r = fakeSystem().run(`[ -e /sys/module/hello_param ] && echo yes; [ -d ${PARAM} ]; echo $?; test -f ${PARAM}; echo $?; [ -e /sys/module/nope ] || echo no`);
    assert.equal(r.output, 'yes\n0\n1\nno\n');
  });

  it('sees a read-only attribute as writable for root, as access(2) does', () => {
    assert.equal(fakeSystem().run(`[ -w ${PARAM}/mystring ] && echo w`).output, 'w\n');
  });

  it('sees no write permission for uid 65534', () => {
    const f = fakeSystem();
    f.sys.uid = 65534;
    assert.equal(f.run(`[ -w ${PARAM}/myint ]; echo $?; [ -r ${PARAM}/myint ]; echo $?`).output, '1\n0\n');
  });

  it('reads a file line by line with while read … < file', () => {
    const f = fakeSystem();
    f.run("printf 'hello 16384 0 - Live 0x0\\nmod_b 16384 1 mod_a, Live 0x0\\n' > /tmp/modules");
    const r = f.run('while read name size used rest; do echo "$name uses $used"; done < /tmp/modules');
    assert.equal(r.output, 'hello uses 0\nmod_b uses 1\n');
  });

  it('matches the kernel release with case', () => {
    assert.equal(fakeSystem().run('case $(uname -r) in 6.1*) echo ok;; *) echo other;; esac').output, 'ok\n');
  });

  it('writes a loop’s output to a file once the loop is done', () => {
    const f = fakeSystem();
    assert.equal(f.run('for i in 1 2; do echo $i; done > /tmp/out; cat /tmp/out').output, '1\n2\n');
  });

  it('stores each write of a loop into a sysfs attribute', () => {
    const f = fakeSystem();
    const r = f.run(`for v in 7 x 9; do echo $v > ${PARAM}/myint || echo "refused $v"; done; cat ${PARAM}/myint`);
    assert.equal(r.output, 'bash: line 1: echo: write error: Invalid argument\nrefused x\n9\n');
  });
});

describe('shell: functions', () => {
  it('passes arguments and greps with them', () => {
    const r = fakeSystem().run('f() { grep "$1" /etc/passwd; }; f nobody');
    assert.equal(r.output, 'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n');
  });

  it('forgets functions and variables set in a pipeline element', () => {
    const r = fakeSystem().run('g() { :; } | true; x=1 | true; g; echo "${x-unset}"');
    assert.equal(r.output, 'bash: line 1: g: command not found\nunset\n');
  });

  it('keeps a function for the rest of the line only', () => {
    const f = fakeSystem();
    f.run('f() { echo defined; }');
    assert.equal(f.run('f').output, 'bash: line 1: f: command not found\n');
  });

  it('restores $1 … after a call', () => {
    assert.equal(fakeSystem().run('f() { echo "$1"; }; g() { f inner; echo "$1"; }; g outer').output, 'inner\nouter\n');
  });
});

describe('shell: loops are bounded', () => {
  it('stops `while true; do :; done` after MAX_ITERATIONS as ulimit -t would, in well under the budget', () => {
    const start = Date.now();
    const r = fakeSystem().run('while true; do :; done');
    assert.deepEqual([r.output, r.exitCode], ['CPU time limit exceeded\n', 152]);
    assert.ok(Date.now() - start < 15000);
  });

  it('runs a legitimate 20,000-iteration loop to its end (builtins do not fork)', () => {
    const r = fakeSystem().run('i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done; echo $i');
    assert.deepEqual([r.output, r.exitCode], ['20000\n', 0]);
  });

  it('runs a 20,000-iteration for loop over a brace sequence', () => {
    const r = fakeSystem().run('n=0; for i in {1..20000}; do n=$((n+i)); done; echo $n');
    assert.deepEqual([r.output, r.exitCode], ['200010000\n', 0]);
  });

  it('stops a loop of [[ ]] (no commands) after MAX_ITERATIONS as ulimit -t would (SIGXCPU)', () => {
    const r = fakeSystem().run('echo start; while [[ 1 ]]; do [[ 1 ]]; done; echo never');
    assert.deepEqual([r.output, r.exitCode], ['start\nCPU time limit exceeded\n', 152]);
  });

  it('counts iterations of all loops of the line together', () => {
    const half = MAX_ITERATIONS / 2 + 1;
    const r = fakeSystem().run(`for a in {1..${half}}; do [[ a ]]; done; for b in {1..${half}}; do [[ b ]]; done`);
    assert.equal(r.exitCode, 152);
  });

  it('ends endless recursion as bash dies of SIGSEGV: status 139, nothing printed', () => {
    const r = fakeSystem().run('echo before; f() { f; }; f; echo after');
    assert.deepEqual([r.output, r.exitCode], ['before\n', 139]);
  });

  it('ends recursion through $( ) and pipes at the process limit, as fork(2) fails with EAGAIN', () => {
    const expected = ['bash: fork: retry: Resource temporarily unavailable\n', 254];
    const r1 = fakeSystem().run('f() { $(f); }; f; echo after');
    assert.deepEqual([r1.output, r1.exitCode], expected);
    const r2 = fakeSystem().run('f() { echo x | f; }; f; echo after');
    assert.deepEqual([r2.output, r2.exitCode], expected);
  });

  it('computes a recursive function within the bounds', () => {
    const line = 'f() { local n=$1; if [ $n -le 1 ]; then echo 1; else echo $(( n * $(f $((n-1))) )); fi; }; f 10';
    assert.equal(fakeSystem().run(line).output, '3628800\n');
  });

  it('lets a loop that reads a long input run to its end', () => {
    const f = fakeSystem();
    f.run(`printf '%s\\n' ${Array.from({ length: 500 }, (_, i) => i).join(' ')} > /tmp/n`);
    assert.equal(f.run('n=0; while read l; do n=$((n+l)); done < /tmp/n; echo $n').output, '124750\n');
  });
});

describe('shell: compound commands on the booted lab machine', () => {
  let now = 0;
  const options = { clock: (): number => (now += 1000) };

  it('loads modules in a for loop and finds them with if lsmod | grep -q', () => {
    const m = bootMachine(options);
    assert.equal(execLine(m, 'for m in mod_b mod_a; do insmod $m.ko; done', options).exitCode, 0);
    const r = execLine(m, 'if lsmod | grep -q mod_a; then echo loaded; else echo not loaded; fi', options);
    assert.equal(r.output, 'loaded\n');
  });

  it('reads /proc/modules with while read', () => {
    const m = bootMachine(options);
    execLine(m, 'insmod mod_b.ko; insmod mod_a.ko', options);
    const r = execLine(m, 'while read name size used rest; do echo $name $used; done < /proc/modules', options);
    assert.equal(r.output, 'mod_a 0\nmod_b 1\n');
  });

  it('skips the header of lsmod in a piped while loop', () => {
    const m = bootMachine(options);
    execLine(m, 'insmod mod_b.ko', options);
    const r = execLine(m, 'lsmod | while read mod rest; do [ "$mod" = Module ] && continue; echo "[$mod]"; done', options);
    assert.equal(r.output, '[mod_b]\n');
  });
});
