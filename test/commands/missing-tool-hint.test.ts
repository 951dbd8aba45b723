import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { createApp } from '../../src/app/create-app';
import type { App } from '../../src/app/app';
import type { Logger } from '../../src/contracts/logger';
import { COMPILERS, EDITORS, missingToolHint } from '../../commands/missing-tool-hint';
import { say, terminals } from '../app/helpers';

describe('the hint after a missing editor or compiler', () => {
  let app: App;
  let now = Date.UTC(2026, 11, 4, 9, 0, 0);

  beforeEach(async () => {
    const logger = { info: sinon.spy(), warn: sinon.spy(), error: sinon.spy() };
    app = await createApp({ store: 'memory', clock: () => (now += 250), logger: logger as Logger });
  });
  afterEach(() => app.close());

  for (const editor of EDITORS) {
    it(`keeps bash's words for ${editor} and adds one line pointing to /edit`, async () => {
      const reply = await app.handle(say(`${editor} lkm.c`));
      const [block] = terminals(reply);
      assert.equal(block?.output, `bash: line 1: ${editor}: command not found\n`);
      assert.equal(block?.exitCode, 127);
      assert.equal(reply.blocks.length, 2);
      const hint = reply.blocks[1];
      assert.equal(hint?.kind, 'text');
      assert.match(hint?.kind === 'text' ? hint.text : '', new RegExp(`no ${editor}: .*\`/edit FILE\``));
    });
  }

  for (const compiler of COMPILERS) {
    it(`keeps bash's words for ${compiler} and adds one line pointing to make`, async () => {
      const reply = await app.handle(say(`${compiler} -c lkm.c`));
      assert.equal(terminals(reply)[0]?.output, `bash: line 1: ${compiler}: command not found\n`);
      const hint = reply.blocks[1];
      assert.match(hint?.kind === 'text' ? hint.text : '', /Makefile .*`make`/);
      assert.equal(reply.blocks.length, 2);
    });
  }

  it('adds one line only, however many lines of the message missed a program', async () => {
    const reply = await app.handle(say('vim a.c\nnano b.c\ngcc a.c'));
    assert.equal(terminals(reply).length, 3);
    assert.equal(reply.blocks.length, 4);
  });

  it('says nothing for other missing programs or for tools that exist', async () => {
    assert.equal((await app.handle(say('frobnicate'))).blocks.length, 1);
    assert.equal((await app.handle(say('ls'))).blocks.length, 1);
  });

  it('hears sudo and a make recipe too', () => {
    const block = (output: string) => [{ kind: 'terminal' as const, user: 'a', prompt: '#', line: 'x', output, exitCode: 127, keep: 'start' as const }];
    assert.ok(missingToolHint(block('sudo: vim: command not found\n')));
    assert.ok(missingToolHint(block('make: gcc: No such file or directory\nmake: *** [Makefile:2: all] Error 127\n')));
    assert.equal(missingToolHint(block('echo bash vim\n')), undefined);
  });

  it('never reaches the machine: the history holds the line, the output only bash\'s text', async () => {
    await app.handle(say('vi x'));
    const history = terminals(await app.handle(say('history')))[0]?.output ?? '';
    assert.match(history, /vi x/);
    assert.doesNotMatch(history, /edit/);
  });
});
