import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { createApp } from '../../src/app/create-app';
import type { App } from '../../src/app/app';
import type { Logger } from '../../src/contracts/logger';
import { CHANNEL, noticeText, output, say, slash, terminals } from './helpers';

describe('the app: invocations to replies', () => {
  let app: App;
  let logger: { info: sinon.SinonSpy; warn: sinon.SinonSpy; error: sinon.SinonSpy };
  let now = Date.UTC(2026, 10, 25, 9, 0, 0);

  beforeEach(async () => {
    logger = { info: sinon.spy(), warn: sinon.spy(), error: sinon.spy() };
    app = await createApp({ store: 'memory', clock: () => (now += 250), logger: logger as Logger });
  });
  afterEach(() => app.close());

  it('answers a shell line with a prompt, the command and its exact output', async () => {
    const reply = await app.handle(say('insmod hello.ko'));
    assert.equal(reply.visibility, 'channel');
    const [block] = terminals(reply);
    assert.deepEqual(
      { user: block?.user, prompt: block?.prompt, line: block?.line, output: block?.output, exit: block?.exitCode },
      { user: 'alice', prompt: 'root@modlab:~#', line: 'insmod hello.ko', output: '', exit: 0 },
    );
    assert.equal(output(await app.handle(say('lsmod', 'bob'))), 'Module                  Size  Used by\nhello                  16384  0\n');
  });

  it('turns /insmod with options into the same shell line', async () => {
    const reply = await app.handle({ ...say(''), input: { kind: 'command', command: 'insmod', text: '', options: { file: 'hello.ko' } } });
    assert.equal(terminals(reply)[0]?.line, 'insmod hello.ko');
    assert.equal(output(await app.handle(slash('insmod', 'hello.ko'))), 'insmod: ERROR: could not insert module hello.ko: File exists\n');
  });

  it('gives each conversation its own machine', async () => {
    await app.handle(say('insmod hello.ko'));
    const thread = { ...CHANNEL, thread: 't1' };
    assert.equal(output(await app.handle(say('lsmod', 'alice', ['student'], thread))), 'Module                  Size  Used by\n');
  });

  it('runs the lines of a multi-line message in order, one block each', async () => {
    const reply = await app.handle(say('insmod mod_a.ko\ninsmod mod_b.ko\n\ninsmod mod_a.ko'));
    assert.deepEqual(terminals(reply).map((b) => [b.line, b.exitCode]), [['insmod mod_a.ko', 1], ['insmod mod_b.ko', 0], ['insmod mod_a.ko', 0]]);
  });

  it('never loses a command when 50 students type at once', async () => {
    const replies = await Promise.all(Array.from({ length: 50 }, (_, i) => app.handle(say(`echo ${i}`, `s${i}`))));
    assert.equal(replies.length, 50);
    const history = output(await app.handle(say('history')));
    for (let i = 0; i < 50; i++) assert.ok(history.includes(`echo ${i}`), `echo ${i} in history`);
  });

  it('refuses /modlab reboot to a student and lets an instructor reboot', async () => {
    await app.handle(say('insmod hello.ko'));
    const refused = await app.handle(slash('modlab', 'reboot', 'alice', ['student']));
    assert.equal(refused.visibility, 'user');
    assert.match(noticeText(refused), /Only instructors/);
    assert.match(output(await app.handle(say('lsmod'))), /hello/);
    const done = await app.handle(slash('modlab', 'reboot module.sig_enforce=1', 'prof', ['instructor']));
    assert.match(noticeText(done), /rebooted/);
    assert.equal(output(await app.handle(say('lsmod'))), 'Module                  Size  Used by\n');
    assert.equal(output(await app.handle(say('cat /proc/cmdline'))), 'console=ttyS0 panic=-1 module.sig_enforce=1\n');
  });

  it('answers an unknown command only to its user', async () => {
    const reply = await app.handle(slash('nosuch', ''));
    assert.equal(reply.visibility, 'user');
    assert.match(noticeText(reply), /Unknown command \/nosuch/);
  });

  it('shows the help derived from the command declarations', async () => {
    const reply = await app.handle(slash('modlab', 'help insmod'));
    assert.match(noticeText(reply), /usage: insmod FILE/);
  });

  it('completes loaded module names from the scope\'s machine', async () => {
    await app.handle(say('insmod hello.ko; insmod mod_b.ko'));
    assert.deepEqual(await app.complete(CHANNEL, 'loaded-modules', 'mo', 25), ['mod_b']);
    assert.ok((await app.complete(CHANNEL, 'module-files', 'hello', 25)).includes('hello_param.ko'));
  });
});

describe('the app: flood protection', () => {
  it('refuses a user who sends more than the limit in the window, only to them, and lets others go on', async () => {
    let now = 0;
    const app = await createApp({ store: 'memory', clock: () => now, rateLimit: { count: 3, windowMs: 10_000 } });
    try {
      for (let i = 0; i < 3; i++) assert.equal((await app.handle(say('true', 'spammer'))).visibility, 'channel');
      const refused = await app.handle(say('true', 'spammer'));
      assert.equal(refused.visibility, 'user');
      assert.match(noticeText(refused), /wait 10 s/);
      assert.equal((await app.handle(say('true', 'bob'))).visibility, 'channel');
      now += 10_001;
      assert.equal((await app.handle(say('true', 'spammer'))).visibility, 'channel');
    } finally {
      await app.close();
    }
  });
});
