/**
 * A writer whose reader has gone: `head -n N` leaves once it has N lines, and whatever writes
 * to the pipe after that dies of SIGPIPE. Visible as xargs's "terminated by signal 13"
 * (20-lab-tools, 21-lab-pipelines) and as the work a killed writer never does.
 */
import { strict as assert } from 'node:assert';
import { freshMachineEachTest } from '../machine/fresh-machine';

describe('pipes whose reader exits (SIGPIPE)', () => {
  const { run } = freshMachineEachTest(Date.UTC(2026, 11, 5, 9, 0, 0));

  it('kills the xargs child that writes after head -3 left, and xargs says so after head\'s lines', () => {
    assert.deepEqual(run('ls /root/*.ko | xargs -n1 basename | head -3'), {
      output: 'fail_ebusy.ko\nfail_enodev.ko\nfail_eperm.ko\nxargs: basename: terminated by signal 13\n',
      status: 0,
    });
    assert.deepEqual(run("ls /root/*.ko | xargs -n1 sh -c 'echo x' | head -n 1"), { output: 'x\nxargs: sh: terminated by signal 13\n', status: 0 });
  });

  it('ends xargs itself silently when its own message goes into the closed pipe', () => {
    assert.deepEqual(run('ls /root/*.ko | xargs -n1 basename 2>&1 | head -2'), { output: 'fail_ebusy.ko\nfail_enodev.ko\n', status: 0 });
  });

  it('stops a loop that writes after the reader left, before its next command', () => {
    assert.deepEqual(run('for i in 1 2 3 4; do echo $i; touch /tmp/f$i; done | head -2; ls /tmp'), { output: '1\n2\nf1\nf2\n', status: 0 });
    assert.deepEqual(run('for i in a b c; do printf 1234; touch /tmp/b$i; done | head -c 6; echo; ls /tmp | grep ^b'), { output: '123412\nba\nbb\n', status: 0 });
  });

  it('lets a writer finish when the reader is not known to leave early', () => {
    // head -n -1 reads to the end; a FILE operand, a word to expand, a function named head: unknown.
    assert.equal(run('for i in 1 2 3; do echo $i; touch /tmp/g$i; done | head -n -1; ls /tmp').output, '1\n2\ng1\ng2\ng3\n');
    assert.equal(run('n=1; for i in 1 2; do echo $i; touch /tmp/h$i; done | head -n $n >/dev/null; ls /tmp | grep -c ^h').output, '2\n');
    assert.equal(run('head() { cat; }; for i in 1 2; do echo $i; done | head -1').output, '1\n2\n');
    assert.equal(run('echo hi > /tmp/x; for i in 1 2; do echo $i; touch /tmp/k$i; done | head -1 /tmp/x; ls /tmp | grep -c ^k').output, 'hi\n2\n');
  });

  it('ends an endless writer at once (yes | head)', () => {
    const started = Date.now();
    assert.deepEqual(run('yes | head -n 2; seq 1 1000000 | head -1'), { output: 'y\ny\n1\n', status: 0 });
    assert.ok(Date.now() - started < 5000);
  });
});
