/**
 * $? across a user's chat messages: each message is a line of the same interactive login, so
 * `echo $?` in one message shows the status the previous message's line ended with.
 */
import { strict as assert } from 'node:assert';
import { loginEachTest } from './login-session';

describe("a session's $? between messages", () => {
  const { run, state } = loginEachTest();

  it('shows the last line’s status in the next line', () => {
    assert.deepEqual(run('false'), { output: '', status: 1 });
    assert.deepEqual(run('echo $?'), { output: '1\n', status: 0 });
    assert.deepEqual(run('echo $?'), { output: '0\n', status: 0 });
  });

  it('keeps a command-not-found 127 and a syntax error’s 2', () => {
    run('nosuchcommand');
    assert.equal(run('echo $?').output, '127\n');
    assert.equal(run('if then').status, 2);
    assert.equal(run('echo $?').output, '2\n');
  });

  it('gives both words of one command the status the line started with', () => {
    run('(exit 7)');
    assert.equal(run('echo $? $?; false; echo $?').output, '7 7\n1\n');
    assert.equal(run('echo $?').output, '0\n');
  });

  it('stores nothing for a status of 0 (a fresh login has $? 0)', () => {
    run('false');
    assert.equal(state().status, 1);
    run('true');
    assert.equal(state().status, undefined);
  });
});
