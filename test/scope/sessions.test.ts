/**
 * Each chat user has a login session on the conversation's machine: cd, variables and
 * functions carry over between one user's messages, never to another's; `who` lists them.
 */
import { strict as assert } from 'node:assert';
import { createApp } from '../../src/app/create-app';
import type { App } from '../../src/app/app';
import type { Reply, TerminalBlock } from '../../src/contracts/reply';
import { slash } from '../app/helpers';
import * as sinon from 'sinon';
import { boundSession, MAX_SESSIONS, SESSION_BYTES } from '../../src/scope/sessions';

const NOW = Date.UTC(2026, 10, 25, 20, 18, 0);

function terminal(reply: Reply): TerminalBlock[] {
  return reply.blocks.filter((b): b is TerminalBlock => b.kind === 'terminal');
}

describe('login sessions', () => {
  let app: App;
  const run = async (user: string, line: string, roles: Array<'student' | 'instructor'> = ['student']): Promise<TerminalBlock[]> =>
    terminal(await app.handle(slash('sh', line, user, roles)));
  beforeEach(async () => {
    app = await createApp({ store: 'memory', rateLimit: false, clock: () => NOW, quizTickMs: 0 });
  });
  afterEach(() => app.close());

  it("keeps one user's cd, variables and functions for their next message, and shows the directory in the prompt", async () => {
    await run('alice', 'cd /tmp; X=5; greet() { echo hi $1; }');
    const [next] = await run('alice', 'pwd; echo "[$X]"; greet there');
    assert.equal(next.prompt, 'root@modlab:/tmp#');
    assert.equal(next.output, '/tmp\n[5]\nhi there\n');
  });

  it("never gives one user's session to another", async () => {
    await run('alice', 'cd /tmp; X=5; greet() { echo hi; }');
    const [bob] = await run('bob', 'pwd; echo "[$X]"; greet');
    assert.equal(bob.prompt, 'root@modlab:~#');
    assert.equal(bob.output, '/root\n[]\nbash: line 1: greet: command not found\n');
  });

  it('lists the logins with who, as coreutils 9.1 lays them out in the C locale', async () => {
    await run('alice', 'true');
    await run('bob', 'true');
    const [who] = await run('alice', 'who -H; who am i');
    assert.equal(who.output, [
      'NAME     LINE         TIME         COMMENT',
      'root     pts/0        Nov 25 20:18 (alice)',
      'root     pts/1        Nov 25 20:18 (bob)',
      'root     pts/0        Nov 25 20:18 (alice)',
      '',
    ].join('\n'));
    const [extra] = await run('alice', 'who a b c');
    assert.equal(extra.output, "who: extra operand 'c'\nTry 'who --help' for more information.\n");
  });

  it('ends every login at a reboot', async () => {
    await run('alice', 'cd /tmp');
    await app.handle(slash('modlab', 'reboot', 'prof', ['instructor']));
    const [after] = await run('alice', 'pwd; who');
    assert.equal(after.output, '/root\nroot     pts/0        Nov 25 20:18 (alice)\n');
  });

  it(`keeps at most ${MAX_SESSIONS} logins, logging out the longest idle first`, async () => {
    for (let i = 0; i <= MAX_SESSIONS; i++) await run(`u${i}`, 'true');
    const [who] = await run('last', 'who | wc -l; who | head -n 1');
    // u0 and u1 logged out (equally idle: the first logged in goes first); u64 took pts/0.
    assert.equal(who.output, `${MAX_SESSIONS}\nroot     pts/0        Nov 25 20:18 (u${MAX_SESSIONS})\n`);
  });

  it(`keeps a session's state from before a line that would grow it past ${SESSION_BYTES} bytes`, async () => {
    await run('alice', 'cd /tmp; A=1');
    await run('alice', `B=${'x'.repeat(SESSION_BYTES)}; cd /`);
    const [after] = await run('alice', 'pwd; echo "${#B} $A"');
    assert.equal(after.output, '/tmp\n0 1\n');
  });

  it('measures a session with a huge variable without serialising it (a 128 MB string would cost as much again)', () => {
    const before = { cwd: '/tmp' };
    const session = { name: 'alice', tty: 0, since: NOW, lastAt: NOW, shell: { cwd: '/', vars: { A: '1', B: 'x'.repeat(SESSION_BYTES) } } };
    const stringify = sinon.spy(JSON, 'stringify');
    try {
      boundSession(session, before);
    } finally {
      stringify.restore();
    }
    assert.equal(session.shell, before);
    assert.equal(stringify.callCount, 0);
  });

  for (const [label, extra, kept] of [['N-1', -1, true], ['N', 0, true], ['N+1', 1, false]] as const) {
    it(`keeps a session of ${label} bytes as JSON ${kept ? 'as it is' : 'as it was before the line'}`, () => {
      const before = {};
      const shell = { vars: { B: '' } };
      shell.vars.B = 'x'.repeat(SESSION_BYTES + extra - JSON.stringify(shell).length);
      const session = { name: 'alice', tty: 0, since: NOW, lastAt: NOW, shell };
      boundSession(session, before);
      assert.equal(session.shell, kept ? shell : before);
    });
  }

  it('runs each line of one message in the same session, in order', async () => {
    const blocks = await run('alice', 'cd /sys/module\npwd');
    assert.deepEqual(blocks.map((b) => [b.prompt, b.output]), [['root@modlab:~#', ''], ['root@modlab:/sys/module#', '/sys/module\n']]);
  });
});
