/**
 * /edit through the real Bolt (HTTP receiver) against FakeSlack with the real app: the modal
 * opens with the slash command's trigger, its Save writes the file on the machine it came
 * from, a mention in a thread gets a button that opens it, and a file longer than a Slack
 * text box is refused with its size.
 */
import { strict as assert } from 'node:assert';
import type { KnownBlock, View } from '@slack/types';
import type { App } from '../../../src/app/app';
import { createApp } from '../../../src/app/create-app';
import { startHarness, type Harness } from './harness';
import { buttonClick, CHANNEL, mentionEvent, slashCommand, viewSubmission } from './payloads';
import { postEvent, postInteraction, postSlashCommand } from './signed';
import { TEAM_ID } from './fake-slack';
import { EDIT_ACTION_ID, EDIT_CONTENT_BLOCK, EDIT_PATH_BLOCK, EDIT_VIEW_ID, SLACK_TEXT_BOX_MAX } from '../../../adapters/slack/edit';

function sectionTexts(blocks: unknown): string[] {
  return (blocks as KnownBlock[]).flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : []));
}

function viewOf(args: Record<string, unknown>): View {
  return (typeof args.view === 'string' ? JSON.parse(args.view) : args.view) as View;
}

type Input = { block_id?: string; element: { initial_value?: string; max_length?: number } };

describe('Slack adapter: /edit FILE in a modal (real app)', () => {
  let app: App;
  let h: Harness;

  beforeEach(async () => {
    app = await createApp({ store: 'memory' });
    h = await startHarness(app);
    h.fake.addUser({ id: 'U0ALICE', name: 'alice' });
  });
  afterEach(async () => {
    await h.stop();
    await app.close();
  });

  async function shell(line: string, id: string): Promise<string> {
    await postSlashCommand(h.eventsUrl, slashCommand('/sh', line, h.fake.responseUrl(id)));
    return sectionTexts((await h.fake.waitForResponse(id)).body.blocks).join('\n');
  }

  it('opens the modal with the slash command\'s trigger, prefilled, and saves what is submitted', async () => {
    await shell("printf 'obj-m += lkm.o\\n' > Makefile", 's1');
    const command = slashCommand('/edit', 'Makefile', h.fake.responseUrl('e1'));
    await postSlashCommand(h.eventsUrl, command);
    const opened = await h.fake.waitForCall('views.open');
    assert.equal(opened.args.trigger_id, command.trigger_id);
    const view = viewOf(opened.args);
    assert.equal(view.callback_id, EDIT_VIEW_ID);
    const { version, ...conversation } = JSON.parse(view.private_metadata ?? '') as { version: string };
    assert.deepEqual(conversation, { workspace: TEAM_ID, channel: CHANNEL });
    assert.match(version, /^[\w-]{22}$/);
    const [path, content] = view.blocks as unknown as Input[];
    assert.deepEqual([path?.block_id, path?.element.initial_value], [EDIT_PATH_BLOCK, '/root/Makefile']);
    assert.deepEqual([content?.block_id, content?.element.initial_value, content?.element.max_length], [EDIT_CONTENT_BLOCK, 'obj-m += lkm.o\n', SLACK_TEXT_BOX_MAX]);

    const values = {
      [EDIT_PATH_BLOCK]: { value: { type: 'plain_text_input', value: '/root/Makefile' } },
      [EDIT_CONTENT_BLOCK]: { value: { type: 'plain_text_input', value: 'obj-m += lkm.o\nccflags-y += -DDEBUG' } },
    };
    const ack = await postInteraction(h.eventsUrl, viewSubmission(EDIT_VIEW_ID, view.private_metadata ?? '', values));
    assert.equal(ack.status, 200);
    const posted = await h.fake.waitForCall('chat.postMessage');
    assert.equal(posted.args.channel, CHANNEL);
    assert.match(sectionTexts(typeof posted.args.blocks === 'string' ? JSON.parse(posted.args.blocks) : posted.args.blocks).join('\n'), /alice saved ~\/Makefile: 2 lines, 36 bytes\./);
    assert.match(await shell('cat Makefile', 's2'), /obj-m \+= lkm\.o\nccflags-y \+= -DDEBUG/);
  });

  it('does not overwrite a file changed while the modal was open, and shows the writer alone their text', async () => {
    await shell("echo 'int a;' > race.c", 'r0');
    await postSlashCommand(h.eventsUrl, slashCommand('/edit', 'race.c', h.fake.responseUrl('r1')));
    const view = viewOf((await h.fake.waitForCall('views.open')).args);
    await shell("echo 'int b;' > race.c", 'r2');
    const values = {
      [EDIT_PATH_BLOCK]: { value: { type: 'plain_text_input', value: '/root/race.c' } },
      [EDIT_CONTENT_BLOCK]: { value: { type: 'plain_text_input', value: 'int mine;' } },
    };
    const before = h.fake.callsOf('chat.postEphemeral').length;
    await postInteraction(h.eventsUrl, viewSubmission(EDIT_VIEW_ID, view.private_metadata ?? '', values));
    // Two messages for alice alone: the warning, then her text (Slack has no ephemeral files).
    await h.fake.waitForCall('chat.postEphemeral', before + 2);
    const shown = h.fake.callsOf('chat.postEphemeral').slice(before).flatMap((call) => sectionTexts(typeof call.args.blocks === 'string' ? JSON.parse(call.args.blocks) : call.args.blocks));
    assert.match(shown.join('\n'), /int mine;/);
    assert.match(shown.join('\n'), /Not saved: ~\/race\.c changed after you opened it/);
    assert.equal(h.fake.callsOf('files.uploadV2').length, 0);
    assert.match(await shell('cat race.c', 'r3'), /int b;/);
  });

  it('answers a mention in a thread with a button, whose click opens the modal for that thread', async () => {
    const thread = '1700000000.000100';
    await postEvent(h.eventsUrl, mentionEvent('edit hello.c', { thread_ts: thread }));
    const ephemeral = await h.fake.waitForCall('chat.postEphemeral');
    assert.equal(ephemeral.args.thread_ts, thread);
    const blocks = (typeof ephemeral.args.blocks === 'string' ? JSON.parse(ephemeral.args.blocks) : ephemeral.args.blocks) as Array<{ type: string; elements?: Array<{ action_id: string; value: string }> }>;
    const button = blocks.find((b) => b.type === 'actions')?.elements?.[0];
    assert.deepEqual([button?.action_id, button?.value], [EDIT_ACTION_ID, '/root/hello.c']);

    await postInteraction(h.eventsUrl, buttonClick(EDIT_ACTION_ID, button?.value ?? '', h.fake.responseUrl('b1'), { thread_ts: thread, ts: '1700000000.000300' }));
    const view = viewOf((await h.fake.waitForCall('views.open')).args);
    const { version: _version, ...conversation } = JSON.parse(view.private_metadata ?? '') as { version: string };
    assert.deepEqual(conversation, { workspace: TEAM_ID, channel: CHANNEL, thread });
    assert.equal((view.blocks as unknown as Input[])[1]?.element.initial_value, undefined);
  });

  for (const [size, opens] of [[SLACK_TEXT_BOX_MAX - 1, true], [SLACK_TEXT_BOX_MAX, true], [SLACK_TEXT_BOX_MAX + 1, false]] as const) {
    it(`${opens ? 'opens' : 'refuses, saying why,'} a file of ${size} characters`, async () => {
      await shell(`head -c ${size - 1} /dev/zero | tr '\\0' x > big.txt; echo >> big.txt`, 'b0');
      await postSlashCommand(h.eventsUrl, slashCommand('/edit', 'big.txt', h.fake.responseUrl('big')));
      if (opens) {
        await h.fake.waitForCall('views.open');
        return;
      }
      const answer = await h.fake.waitForResponse('big');
      assert.equal(answer.body.response_type, 'ephemeral');
      assert.match(sectionTexts(answer.body.blocks).join('\n'), new RegExp(`big\\.txt has ${size} characters; a Slack text box holds at most ${SLACK_TEXT_BOX_MAX}`));
      assert.equal(h.fake.callsOf('views.open').length, 0);
    });
  }
});
