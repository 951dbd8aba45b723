import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { createApp } from '../../src/app/create-app';
import type { App } from '../../src/app/app';
import type { Logger } from '../../src/contracts/logger';
import type { Invocation } from '../../src/contracts/invocation';
import { editSave } from '../../src/contracts/edit';
import { MAX_FILE_BYTES } from '../../src/modules/disk-quota';
import { CHANNEL, noticeText, output, say, slash } from '../app/helpers';

function save(path: string, content: string, user = 'alice', version?: string): Invocation {
  return { ...say('', user), input: editSave(path, content, version) };
}

describe('/edit FILE: a file of the machine in a text box, saved back', () => {
  let app: App;
  let now = Date.UTC(2026, 11, 4, 9, 0, 0);

  beforeEach(async () => {
    const logger = { info: sinon.spy(), warn: sinon.spy(), error: sinon.spy() };
    app = await createApp({ store: 'memory', clock: () => (now += 250), logger: logger as Logger });
  });
  afterEach(() => app.close());

  it('opens an existing file with its content, for the user alone', async () => {
    await app.handle(say("printf 'obj-m += lkm.o\\n' > Makefile"));
    const reply = await app.handle(slash('edit', 'Makefile'));
    assert.equal(reply.visibility, 'user');
    const { version, ...edit } = reply.edit ?? { version: '' };
    assert.deepEqual(edit, { name: 'Makefile', path: '/root/Makefile', content: 'obj-m += lkm.o\n', exists: true });
    assert.match(version, /^[\w-]{22}$/);
    assert.match(noticeText(reply), /Editing Makefile \(1 line, 15 bytes\)/);
  });

  it('takes the file from a slash command\'s option as well as from its text', async () => {
    const reply = await app.handle({ ...say(''), input: { kind: 'command', command: 'edit', text: '', options: { file: 'new.c' } } });
    assert.equal(reply.edit?.path, '/root/new.c');
  });

  it('finds the file from the user\'s own directory, through symbolic links', async () => {
    await app.handle(say("mkdir lkm && echo 'int x;' > lkm/lkm.c && ln -s lkm here && cd here", 'bob'));
    const bob = await app.handle(slash('edit', 'lkm.c', 'bob'));
    assert.deepEqual([bob.edit?.path, bob.edit?.content, bob.edit?.exists], ['/root/here/lkm.c', 'int x;\n', true]);
    // alice is still in /root: the same name is a new file there
    const alice = await app.handle(slash('edit', 'lkm.c', 'alice'));
    assert.deepEqual([alice.edit?.path, alice.edit?.content, alice.edit?.exists], ['/root/lkm.c', '', false]);
    assert.match(noticeText(alice), /a new file, created when you save/);
    assert.match(noticeText(await app.handle(save('lkm.c', 'int y;', 'bob'))), /bob saved lkm\.c/);
    assert.equal(output(await app.handle(say('cat lkm/lkm.c'))), 'int y;\n');
  });

  it('creates a new file on save, ends its last line, and tells the class who saved what', async () => {
    const reply = await app.handle(save('/root/hello.c', '#include <linux/module.h>\r\nMODULE_LICENSE("GPL");'));
    assert.equal(reply.visibility, 'channel');
    assert.equal(noticeText(reply), 'alice saved ~/hello.c: 2 lines, 49 bytes.');
    assert.equal(output(await app.handle(say('cat hello.c', 'bob'))), '#include <linux/module.h>\nMODULE_LICENSE("GPL");\n');
    assert.match(output(await app.handle(say('history'))), /\/edit ~\/hello\.c/);
  });

  it('saves an empty file as empty', async () => {
    await app.handle(save('/root/empty', ''));
    assert.equal(output(await app.handle(say('wc -c empty'))), '0 empty\n');
  });

  it('refuses a directory, a missing directory and a binary module, with the kernel\'s words', async () => {
    assert.equal(noticeText(await app.handle(slash('edit', '/lib/modules'))), 'Cannot edit /lib/modules: Is a directory.');
    assert.equal(noticeText(await app.handle(slash('edit', 'nodir/x.c'))), 'Cannot edit nodir/x.c: No such file or directory.');
    assert.match(noticeText(await app.handle(slash('edit', 'hello.ko'))), /Cannot edit hello\.ko: it is not a text file/);
    assert.equal(noticeText(await app.handle(save('/root/nodir/x.c', 'x'))), 'alice could not save ~/nodir/x.c: No such file or directory.');
  });

  it('writes a sysfs parameter as root may, and refuses a read-only /proc file', async () => {
    await app.handle(say('insmod hello_param.ko'));
    const opened = await app.handle(slash('edit', '/sys/module/hello_param/parameters/myint'));
    assert.equal(opened.edit?.exists, true);
    assert.match(noticeText(await app.handle(save('/sys/module/hello_param/parameters/myint', '7'))), /saved/);
    assert.equal(output(await app.handle(say('cat /sys/module/hello_param/parameters/myint'))), '7\n');
    assert.equal(noticeText(await app.handle(save('/proc/modules', 'x'))), 'alice could not save /proc/modules: Permission denied.');
  });

  it('says No space left on device when the disk quota is reached', async () => {
    const big = 'x'.repeat(MAX_FILE_BYTES - 1) + '\n';
    const results: string[] = [];
    for (let i = 0; i < 4; i++) results.push(noticeText(await app.handle(save(`/root/big${i}`, big))));
    assert.ok(results.some((r) => r.endsWith('No space left on device.')), results.join('\n'));
  });

  it('asks which file when none is named', async () => {
    assert.match(noticeText(await app.handle(slash('edit', ''))), /Which file\?/);
  });

  it('keeps the save in the same conversation as any command', async () => {
    await app.handle(save('/root/t.c', 'a'));
    const thread = { ...CHANNEL, thread: 'x' };
    const other = await app.handle({ ...save('/root/t.c', 'b'), scope: thread });
    assert.match(noticeText(other), /saved/);
    assert.equal(output(await app.handle(say('cat t.c'))), 'a\n');
  });

  describe('a file changed while a box was open on it', () => {
    async function open(name: string, user = 'alice'): Promise<{ path: string; version: string }> {
      const reply = await app.handle(slash('edit', name, user));
      assert.ok(reply.edit, noticeText(reply));
      return reply.edit;
    }

    it('is not overwritten: the writer alone gets a warning and their text back, and the file keeps the other save', async () => {
      await app.handle(say("echo 'int a;' > lkm.c"));
      const alice = await open('lkm.c');
      const bob = await open('lkm.c', 'bob');
      assert.match(noticeText(await app.handle(save(bob.path, 'int b;', 'bob', bob.version))), /bob saved ~\/lkm\.c/);
      const refused = await app.handle(save(alice.path, 'int mine;', 'alice', alice.version));
      assert.equal(refused.visibility, 'user');
      assert.match(noticeText(refused), /^Not saved: ~\/lkm\.c changed after you opened it .*open `\/edit ~\/lkm\.c` again/);
      assert.deepEqual(refused.files?.map((f) => [f.name, f.contentType, Buffer.from(f.data).toString()]), [['lkm.c', 'text/plain', 'int mine;\n']]);
      assert.equal(output(await app.handle(say('cat lkm.c'))), 'int b;\n');
      // Only bob's save is in the history: the refused one changed nothing.
      assert.equal(output(await app.handle(say('history'))).match(/\/edit ~\/lkm\.c/g)?.length, 1);
    });

    it('is refused after a shell line rewrote it, and saved again once reopened', async () => {
      await app.handle(say("echo 'int a;' > lkm.c"));
      const first = await open('lkm.c');
      await app.handle(say("echo 'int c;' >> lkm.c", 'bob'));
      assert.match(noticeText(await app.handle(save(first.path, 'int a; int x;', 'alice', first.version))), /^Not saved/);
      const again = await open('lkm.c');
      assert.match(noticeText(await app.handle(save(again.path, 'int a;\nint c;\nint x;', 'alice', again.version))), /alice saved/);
      assert.equal(output(await app.handle(say('cat lkm.c'))), 'int a;\nint c;\nint x;\n');
    });

    it('refuses a new file that someone else created meanwhile, and a box saved onto another existing file', async () => {
      const fresh = await open('new.c');
      await app.handle(say("echo 'int theirs;' > new.c", 'bob'));
      assert.match(noticeText(await app.handle(save(fresh.path, 'int mine;', 'alice', fresh.version))), /^Not saved: ~\/new\.c changed/);
      await app.handle(say("echo 'x' > other.c"));
      const mine = await open('new.c');
      assert.match(noticeText(await app.handle(save('/root/other.c', 'int y;', 'alice', mine.version))), /^Not saved/);
      assert.equal(output(await app.handle(say('cat other.c new.c'))), 'x\nint theirs;\n');
    });

    it('saves where nothing would be overwritten: unchanged, deleted since, a new name, or a box without a version', async () => {
      await app.handle(say("echo 'int a;' > lkm.c"));
      const same = await open('lkm.c');
      assert.match(noticeText(await app.handle(save(same.path, 'int b;', 'alice', same.version))), /saved/);
      const gone = await open('lkm.c');
      await app.handle(say('rm lkm.c', 'bob'));
      assert.match(noticeText(await app.handle(save(gone.path, 'int c;', 'alice', gone.version))), /saved/);
      const renamed = await open('lkm.c');
      assert.match(noticeText(await app.handle(save('/root/copy.c', 'int d;', 'alice', renamed.version))), /saved ~\/copy\.c/);
      assert.match(noticeText(await app.handle(save('/root/lkm.c', 'int e;'))), /saved/);
      assert.equal(output(await app.handle(say('cat lkm.c copy.c'))), 'int e;\nint d;\n');
    });
  });
});
