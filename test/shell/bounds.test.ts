/**
 * Issue 8's reproducers and hostile lines on a real machine (its disk has the quotas): each
 * ends quickly with what the real system prints at our bound, and leaves a small document.
 * Real wordings were taken from bash 5.2.15 and coreutils 9.1 on Debian 12, under
 * `ulimit -v` for the allocator's messages and with /dev/full for ENOSPC.
 */
import { strict as assert } from 'node:assert';
import { bootMachine, execLine, type MachineState } from '../../src/machine/machine';
import { MAX_ARG_STRLEN, MAX_BRACE_ELEMENTS, MAX_STRING } from '../../src/shell/limits';
import { MAX_DISK_BYTES, MAX_FILE_BYTES } from '../../src/modules/disk-quota';
import { NOW } from './fake-system';

const clock = (): number => NOW;

function machine(): { state: MachineState; run: (line: string) => ReturnType<typeof execLine> } {
  const state = bootMachine({ clock });
  return { state, run: (line) => execLine(state, line, { clock }) };
}

/** Run LINE and check it ends within MS (the machine is shared: generous, but not a hang). */
function timed(run: (line: string) => ReturnType<typeof execLine>, line: string, ms = 10000): ReturnType<typeof execLine> {
  const start = Date.now();
  const r = run(line);
  assert.ok(Date.now() - start < ms, `${line.slice(0, 60)} took ${Date.now() - start} ms`);
  return r;
}

function documentSize(state: MachineState): number {
  return JSON.stringify(state).length;
}

describe('bounds: strings in the shell end as bash does when its allocator fails', () => {
  it('counts ${#x} of a 4 MB string without spreading it', () => {
    const r = timed(machine().run, 'x=$(printf %4000000s); echo ${#x}');
    assert.deepEqual([r.output, r.exitCode], ['4000000\n', 0]);
  });

  it('ends issue 8’s reproducer (32 copies of a 4 MB string) with xmalloc’s message, status 2', () => {
    const line = 'x=$(printf %4000000s); x=' + '$x'.repeat(32) + '; echo ${#x}';
    const r = timed(machine().run, line);
    assert.deepEqual([r.output, r.exitCode], ['bash: xmalloc: cannot allocate 128000001 bytes\n', 2]);
  });

  it('ends a doubling loop at MAX_STRING', () => {
    const r = timed(machine().run, 'x=x; while :; do x=$x$x; done; echo never');
    assert.deepEqual([r.output, r.exitCode], [`bash: xmalloc: cannot allocate ${2 * 4194304 + 1} bytes\n`, 2]);
  });

  it('lets a subshell that runs out of memory die alone', () => {
    const r = timed(machine().run, 'y=$(x=x; while :; do x=$x$x; done); echo "after $?"');
    assert.deepEqual([r.output, r.exitCode], ['bash: xmalloc: cannot allocate 8388609 bytes\nafter 2\n', 0]);
  });

  it('fails a command substitution that outgrows MAX_STRING as xrealloc would', () => {
    const r = timed(machine().run, `x=$(printf %${MAX_STRING + 1}s); echo never`);
    assert.deepEqual([r.output, r.exitCode], [`bash: xrealloc: cannot allocate ${MAX_STRING + 512} bytes\n`, 2]);
  });

  it('keeps a string of exactly MAX_STRING characters', () => {
    const r = timed(machine().run, `x=$(printf %${MAX_STRING}s); echo \${#x}`);
    assert.deepEqual([r.output, r.exitCode], [`${MAX_STRING}\n`, 0]);
  });

  it('ends a replacement that would grow past MAX_STRING', () => {
    const r = timed(machine().run, 'x=$(printf %3000000s); y=${x// /ab}; echo never');
    assert.deepEqual([r.output, r.exitCode], ['bash: xmalloc: cannot allocate 6000001 bytes\n', 2]);
  });
});

describe('bounds: arguments of programs (execve)', () => {
  it('refuses one argument longer than MAX_ARG_STRLEN, naming the program’s path', () => {
    const r = timed(machine().run, `x=$(printf %${MAX_ARG_STRLEN}s); cat "$x"; echo $?`);
    assert.equal(r.output, 'bash: line 1: /usr/bin/cat: Argument list too long\n126\n');
  });

  it('passes an argument of MAX_ARG_STRLEN - 1 bytes (with its NUL, exactly the limit)', () => {
    const r = timed(machine().run, `x=$(printf %${MAX_ARG_STRLEN - 1}s); uname "$x" 2>&1 | head -c 6; echo " $?"`);
    assert.equal(r.output, 'uname: 0\n');
  });

  it('refuses argv past ARG_MAX in all (a 100 KB argument 30 times)', () => {
    const r = timed(machine().run, 'x=$(printf %100000s); insmod "$x" "$x" "$x" "$x" "$x" "$x" "$x" "$x" "$x" "$x" "$x" "$x" "$x" "$x" "$x" "$x" "$x" "$x" "$x" "$x" "$x" "$x" "$x"; echo $?');
    assert.equal(r.output, 'bash: line 1: /usr/sbin/insmod: Argument list too long\n126\n');
  });

  it('lets a builtin take a 100 KB argument (bash has no limit there)', () => {
    const r = timed(machine().run, 'x=$(printf %100000s | head -c 100000); echo "$x" | wc -c');
    assert.equal(r.output, '100001\n');
  });
});

describe('bounds: printf widths', () => {
  it('ends `printf %500000000s x > file` at the file quota with printf’s write error', () => {
    const m = machine();
    const r = timed(m.run, "printf '%500000000s' x > /root/p; echo $?; wc -c < /root/p");
    assert.equal(r.output, `bash: line 1: printf: write error: No space left on device\n1\n${MAX_FILE_BYTES}\n`);
    assert.ok(documentSize(m.state) < 1024 * 1024);
  });

  it('fills a pipe with a huge width and no more', () => {
    const r = timed(machine().run, "printf '%500000000s' x | wc -c; printf '%.500000000d' 1 | wc -c");
    assert.equal(r.output, '4194304\n4194304\n');
  });

  it('still reports a bad number after a huge field', () => {
    const r = timed(machine().run, "printf '%*s|%d' 500000000 a x > /dev/null; echo $?");
    assert.equal(r.output, 'bash: line 1: printf: x: invalid number\n1\n');
  });

  it('reuses its format for more than 10,000 arguments', () => {
    const r = timed(machine().run, "printf '%s\\n' {1..20000} | tail -1");
    assert.equal(r.output, '20000\n');
  });
});

describe('bounds: disk quotas (No space left on device)', () => {
  it('fills a file in a >> loop up to MAX_FILE_BYTES, then every echo fails', () => {
    const m = machine();
    const r = timed(m.run, 'x=$(printf "%01000d" 0); for i in {1..300}; do echo $x >> /root/big || n=$((n+1)); done 2>/dev/null; echo failed $n; wc -c < /root/big');
    // A line is stored as 1002 bytes (JSON spends two on the newline): 261 lines and 622 bytes fit.
    const lines = Math.floor(MAX_FILE_BYTES / 1002);
    assert.equal(r.output, `failed ${300 - lines}\n${lines * 1001 + (MAX_FILE_BYTES - lines * 1002)}\n`);
    assert.ok(documentSize(m.state) < 1024 * 1024);
  });

  it('says echo’s write error with bash’s prefix, status 1', () => {
    const m = machine();
    m.run(`printf '%${MAX_FILE_BYTES}s' > /root/full`);
    const r = m.run('echo x >> /root/full; echo $?');
    assert.equal(r.output, 'bash: line 1: echo: write error: No space left on device\n1\n');
  });

  it('makes each echo of a loop redirected as a whole fail on its own', () => {
    const m = machine();
    m.run(`printf '%${MAX_FILE_BYTES}s' > /root/full`);
    const r = m.run('for i in 1 2; do echo $i; done >> /root/full; echo $?');
    assert.equal(r.output, 'bash: line 1: echo: write error: No space left on device\nbash: line 1: echo: write error: No space left on device\n1\n');
  });

  it('fills the scope’s disk with several files, then cp says error writing', () => {
    const m = machine();
    const files = Math.ceil(MAX_DISK_BYTES / MAX_FILE_BYTES) + 1;
    const r = timed(m.run, `for i in {1..${files}}; do printf '%${MAX_FILE_BYTES - 1000}s' > /root/f$i; done 2>&1 | sort -u; cp /root/f1 /root/copy; echo $?`);
    assert.equal(r.output, "bash: line 1: printf: write error: No space left on device\ncp: error writing '/root/copy': No space left on device\n1\n");
    assert.ok(documentSize(m.state) < 1024 * 1024);
  });

  it('frees space when a file is removed, and renames on a full disk', () => {
    const m = machine();
    m.run(`printf '%${MAX_FILE_BYTES - 100}s' > /root/a; printf '%${MAX_FILE_BYTES - 100}s' > /root/b`);
    // The file is created (entries have a reserve, as inodes outlast blocks); its data does not fit.
    assert.equal(m.run('echo more > /root/c; echo $?; wc -c < /root/c').output, 'bash: line 1: echo: write error: No space left on device\n1\n0\n');
    assert.equal(m.run('mv /root/a /root/a2; echo $?').output, '0\n');
    assert.equal(m.run('rm /root/a2 /root/c; echo more > /root/c; cat /root/c').output, 'more\n');
  });

  it('counts control characters as the document stores them', () => {
    const m = machine();
    const r = m.run("printf '\\001%.0s' {1..50000} > /root/z; printf '\\001%.0s' {1..50000} >> /root/z; echo $?; wc -c < /root/z");
    // \u0001 in JSON: six bytes each.
    const full = 'bash: line 1: printf: write error: No space left on device\n';
    assert.equal(r.output, `${full}${full}1\n${Math.floor(MAX_FILE_BYTES / 6)}\n`);
    assert.ok(documentSize(m.state) < 1024 * 1024);
  });
});

describe('bounds: brace expansion', () => {
  it('leaves {1..100000000} as written with bash’s allocation message, and runs the command', () => {
    const r = timed(machine().run, 'echo {1..100000000}; echo $?');
    assert.equal(r.output, 'bash: line 1: brace expansion: failed to allocate memory for 100000000 elements\n{1..100000000}\n0\n');
  });

  it('expands a sequence of exactly MAX_BRACE_ELEMENTS and refuses one more', () => {
    const m = machine();
    assert.equal(timed(m.run, `echo {1..${MAX_BRACE_ELEMENTS}} | wc -w`).output, `${MAX_BRACE_ELEMENTS}\n`);
    // The message is the shell's, before the command's redirections exist.
    const over = MAX_BRACE_ELEMENTS + 1;
    assert.equal(m.run(`echo {1..${over}} 2>/dev/null | head -c 40`).output, `bash: line 1: brace expansion: failed to allocate memory for ${over} elements\n{1..${over}}\n`);
  });

  it('ends a product of lists past the bound as xmalloc does', () => {
    const r = timed(machine().run, 'echo {1..100}{1..100}{1..100}; echo never');
    assert.deepEqual([r.output, r.exitCode], ['bash: xmalloc: cannot allocate 8000008 bytes\n', 2]);
  });
});

describe('bounds: hostile lines end quickly', () => {
  it('40 nested command substitutions', () => {
    const r = timed(machine().run, 'echo ' + '$(echo '.repeat(40) + 'deep' + ')'.repeat(40));
    assert.deepEqual([r.output, r.exitCode], ['deep\n', 0]);
  });

  it('a 1 MB line is refused before bash starts', () => {
    const r = timed(machine().run, 'echo ' + 'x'.repeat(1024 * 1024));
    assert.deepEqual([r.output, r.exitCode], ['bash: /bin/bash: Argument list too long\n', 126]);
  });

  it('a fork bomb runs out of processes', () => {
    const r = timed(machine().run, ':(){ :|:& };:', 30000);
    assert.equal(r.exitCode, 254);
    assert.match(r.output, /bash: fork: retry: Resource temporarily unavailable\n$/);
  });

  it('a runaway loop is stopped as by the CPU time limit', () => {
    const r = timed(machine().run, 'while :; do :; done', 30000);
    assert.deepEqual([r.output, r.exitCode], ['CPU time limit exceeded\n', 152]);
  });

  it('>> in an endless loop fills its file and is stopped, leaving a small document', () => {
    const m = machine();
    const r = timed(m.run, 'while :; do echo aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa >> /root/log; done 2>/dev/null', 30000);
    assert.deepEqual([r.output, r.exitCode], ['CPU time limit exceeded\n', 152]);
    // 49 bytes a line, stored as 50: 5242 lines and 44 bytes of the next.
    assert.equal(m.run('wc -c < /root/log').output, `${Math.floor(MAX_FILE_BYTES / 50) * 49 + (MAX_FILE_BYTES % 50)}\n`);
    assert.ok(documentSize(m.state) < 1024 * 1024);
  });
});

describe('bounds: the kernel log', () => {
  it('refuses a /dev/kmsg write longer than LOG_LINE_MAX (992 bytes) as devkmsg_write does', () => {
    const m = machine();
    const ok = m.run("printf '%991s\\n' x > /dev/kmsg; echo $?");
    assert.equal(ok.output, '0\n');
    const r = m.run("printf '%992s\\n' x > /dev/kmsg; echo $?");
    assert.equal(r.output, 'bash: line 1: printf: write error: Invalid argument\n1\n');
  });
});

describe('bounds: pattern expansions on long values', () => {
  it('replaces every character of a 100 KB value with a fixed-length pattern in linear passes', () => {
    const r = timed(machine().run, 'x=$(printf %100000s); y=${x//?/.}; echo ${#y} ${y:0:3}', 5000);
    assert.equal(r.output, '100000 ...\n');
  });

  it('removes a prefix and a suffix of a 1 MB value', () => {
    const r = timed(machine().run, 'x=$(printf %1000000s); y=${x% }; z=${x%% *}; w=${x#  }; echo ${#y} ${#z} ${#w}', 5000);
    assert.equal(r.output, '999999 0 999998\n');
  });
});
