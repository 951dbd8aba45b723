/**
 * /edit through the real discord.js against FakeDiscord with the real app (memory store):
 * the modal opens prefilled with the file, its submit saves the file on the channel's machine,
 * and a file longer than a text box is refused with its size.
 */
import { strict as assert } from 'node:assert';
import { MessageFlags } from 'discord.js';
import { createApp } from '../../../src/app/create-app';
import type { App } from '../../../src/app/app';
import { startHarness, type Harness } from './fake/harness';
import { CHANNEL_ID, OTHER_CHANNEL_ID } from './fake/fake-discord';
import { modal, slash } from './fake/payloads';
import { EDIT_MODAL_CONTENT, EDIT_MODAL_ID, EDIT_MODAL_PATH, SH_MODAL_MAX_LENGTH } from '../../../adapters/discord/interactions';

interface ModalJson {
  custom_id: string;
  title: string;
  components: Array<{ components: Array<{ custom_id: string; value?: string; max_length?: number; style: number }> }>;
}

describe('discord adapter: /edit FILE in a modal (real app)', function () {
  this.timeout(30_000);
  let h: Harness;
  let app: App;

  before(async () => {
    app = await createApp({ store: 'memory', quizTickMs: 0, rateLimit: false });
    h = await startHarness(app);
  });
  after(async () => {
    await h?.stop();
    await app?.close();
  });

  async function run(line: string, channelId = CHANNEL_ID): Promise<string> {
    const { id } = h.fake.interact({ type: 2, data: slash('sh', { line }), channelId });
    return String((await h.fake.answer(id)).body.content);
  }

  it('opens a modal prefilled with the file and its path, and saves what is submitted', async () => {
    await run("printf 'obj-m += lkm.o\\n' > Makefile");
    const { id } = h.fake.interact({ type: 2, data: slash('edit', { file: 'Makefile' }), channelId: CHANNEL_ID });
    const shown = await h.fake.answer(id);
    assert.equal(shown.events[0].type, 9);
    const form = shown.body as unknown as ModalJson;
    assert.match(form.custom_id, new RegExp(`^${EDIT_MODAL_ID}:[\\w-]{22}$`));
    assert.equal(form.title, 'Edit Makefile');
    const [path, content] = form.components.map((row) => row.components[0]);
    assert.deepEqual([path?.custom_id, path?.value], [EDIT_MODAL_PATH, '/root/Makefile']);
    assert.deepEqual([content?.custom_id, content?.value, content?.max_length], [EDIT_MODAL_CONTENT, 'obj-m += lkm.o\n', SH_MODAL_MAX_LENGTH]);

    const submit = h.fake.interact({
      type: 5,
      data: modal(form.custom_id, { [EDIT_MODAL_PATH]: '/root/Makefile', [EDIT_MODAL_CONTENT]: 'obj-m += lkm.o\r\nccflags-y += -DDEBUG' }),
      channelId: CHANNEL_ID,
    });
    const saved = await h.fake.answer(submit.id);
    assert.match(String(saved.body.content), /alice saved ~\/Makefile: 2 lines, 36 bytes\./);
    assert.equal(saved.body.flags, undefined);
    assert.match(await run('cat Makefile'), /root@modlab:~# cat Makefile\nobj-m \+= lkm\.o\nccflags-y \+= -DDEBUG\n```/);
  });

  it('does not overwrite a file saved by someone else while the modal was open: the writer alone gets their text back', async () => {
    await run("echo 'int a;' > race.c");
    const { id } = h.fake.interact({ type: 2, data: slash('edit', { file: 'race.c' }), channelId: CHANNEL_ID });
    const form = (await h.fake.answer(id)).body as unknown as ModalJson;
    await run("echo 'int b;' > race.c");
    const submit = h.fake.interact({ type: 5, data: modal(form.custom_id, { [EDIT_MODAL_PATH]: '/root/race.c', [EDIT_MODAL_CONTENT]: 'int mine;' }), channelId: CHANNEL_ID });
    const refused = await h.fake.answer(submit.id);
    assert.match(String(refused.body.content), /Not saved: ~\/race\.c changed after you opened it/);
    assert.equal(Number(refused.body.flags ?? 0) & MessageFlags.Ephemeral, MessageFlags.Ephemeral);
    assert.deepEqual(refused.files.map((f) => [f.name, f.text]), [['race.c', 'int mine;\n']]);
    assert.match(await run('cat race.c'), /cat race\.c\nint b;\n/);
  });

  it('opens a new file with an empty box and creates it on save', async () => {
    const { id } = h.fake.interact({ type: 2, data: slash('edit', { file: 'hello.c' }), channelId: OTHER_CHANNEL_ID });
    const form = (await h.fake.answer(id)).body as unknown as ModalJson;
    const content = form.components[1]?.components[0];
    assert.equal(content?.value, undefined);
    const submit = h.fake.interact({ type: 5, data: modal(EDIT_MODAL_ID, { [EDIT_MODAL_PATH]: '/root/hello.c', [EDIT_MODAL_CONTENT]: 'int x;' }), channelId: OTHER_CHANNEL_ID });
    await h.fake.answer(submit.id);
    assert.match(await run('cat hello.c', OTHER_CHANNEL_ID), /cat hello\.c\nint x;\n/);
  });

  for (const [size, opens] of [[SH_MODAL_MAX_LENGTH - 1, true], [SH_MODAL_MAX_LENGTH, true], [SH_MODAL_MAX_LENGTH + 1, false]] as const) {
    it(`${opens ? 'opens' : 'refuses, saying why,'} a file of ${size} characters`, async () => {
      await run(`head -c ${size - 1} /dev/zero | tr '\\0' x > big.txt; echo >> big.txt`);
      const { id } = h.fake.interact({ type: 2, data: slash('edit', { file: 'big.txt' }), channelId: CHANNEL_ID });
      const answer = await h.fake.answer(id);
      if (opens) {
        assert.equal(answer.events[0].type, 9);
        return;
      }
      assert.equal(answer.events[0].type, 4);
      assert.equal(answer.body.flags, MessageFlags.Ephemeral);
      assert.match(String(answer.body.content), new RegExp(`big\\.txt has ${size} characters; a Discord text box holds at most ${SH_MODAL_MAX_LENGTH}, so /edit cannot open it without cutting it\\.`));
    });
  }

  it('answers a directory with the kernel\'s words instead of a modal', async () => {
    const { id } = h.fake.interact({ type: 2, data: slash('edit', { file: '/lib' }), channelId: CHANNEL_ID });
    const answer = await h.fake.answer(id);
    assert.equal(answer.events[0].type, 4);
    assert.match(String(answer.body.content), /Cannot edit \/lib: Is a directory\./);
  });
});
