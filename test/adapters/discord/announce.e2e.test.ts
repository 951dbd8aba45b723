/**
 * The Discord announcer (how the app posts unprompted, e.g. a quiz revealed when its time is
 * up) through the real discord.js against FakeDiscord, with a FakeApp that keeps what the
 * adapter handed to setAnnouncer.
 */
import { strict as assert } from 'node:assert';
import { DiscordAPIError, MessageFlags } from 'discord.js';
import { FakeApp } from '../fake-app';
import { startHarness, type Harness } from './fake/harness';
import { CHANNEL_ID, GUILD_ID, OTHER_CHANNEL_ID, THREAD_ID } from './fake/fake-discord';
import { botMessage, button } from './fake/payloads';
import { FULL_OUTPUT_FILE_NAME, MESSAGE_CONTENT_LIMIT } from '../../../adapters/discord/render';
import type { Scope } from '../../../src/contracts/invocation';
import type { Reply } from '../../../src/contracts/reply';

const channel: Scope = { platform: 'discord', workspace: GUILD_ID, channel: CHANNEL_ID };
const thread: Scope = { platform: 'discord', workspace: GUILD_ID, channel: CHANNEL_ID, thread: THREAD_ID };

const reveal: Reply = {
  blocks: [{ kind: 'text', text: 'Time is up! What does `rmmod mod_b` print?\nAnswer: B) rmmod: ERROR: Module mod_b is in use by: mod_a\nRight: @everyone (1 of 2).' }],
  visibility: 'channel',
};

describe('discord adapter: posting unprompted (the announcer)', function () {
  this.timeout(20_000);
  let h: Harness;
  const app = new FakeApp();

  before(async () => {
    h = await startHarness(app);
  });
  after(async () => h?.stop());
  beforeEach(() => {
    h.fake.restCalls.length = 0;
    h.fake.messages.clear();
  });

  const posts = () => h.fake.restCalls.filter((c) => c.method === 'POST' && /^\/channels\/\d+\/messages$/.test(c.path));

  it('hands the app an announcer once logged in', () => {
    assert.ok(app.announcer, 'setAnnouncer was called');
  });

  it('posts to the scope\'s channel as a plain bot message that pings nobody', async () => {
    await app.announcer!.post(channel, reveal);
    assert.deepEqual(posts().map((c) => c.path), [`/channels/${CHANNEL_ID}/messages`]);
    const body = posts()[0].body as Record<string, unknown>;
    assert.equal(
      body.content,
      'Time is up! What does `rmmod mod_b` print?\nAnswer: B) rmmod: ERROR: Module mod\\_b is in use by: mod\\_a\nRight: @\u200beveryone (1 of 2).',
    );
    assert.deepEqual(body.allowed_mentions, { parse: [] });
    assert.equal(body.flags, undefined);
    assert.deepEqual(body.components, []);
    assert.equal(h.fake.messages.get(CHANNEL_ID)?.length, 1);
  });

  it('posts to a thread by the thread\'s own channel id, not its parent', async () => {
    await app.announcer!.post(thread, reveal);
    assert.deepEqual(posts().map((c) => c.path), [`/channels/${THREAD_ID}/messages`]);
    assert.equal(h.fake.messages.get(CHANNEL_ID), undefined);
  });

  it('opens a thread on the posted message when the reply asks for one, and returns its scope (a dashboard\'s exercise)', async () => {
    const opened = await app.announcer!.post(channel, { ...reveal, openThread: { name: 'Exercise: rmmod and "in use"', claim: 'exercise-thread:x' } });
    const [message] = posts();
    assert.ok(message);
    const opening = h.fake.restCalls.find((c) => c.method === 'POST' && /\/threads$/.test(c.path));
    assert.ok(opening, 'a thread was opened');
    assert.match(opening.path, new RegExp(`^/channels/${CHANNEL_ID}/messages/\\d+/threads$`));
    assert.equal((opening.body as { name?: string }).name, 'Exercise: rmmod and "in use"');
    assert.ok(opened && opened.thread, 'the thread\'s scope');
    assert.deepEqual({ ...opened, thread: undefined }, { ...channel, thread: undefined });
    // Posted in a thread already, it opens none.
    h.fake.restCalls.length = 0;
    assert.equal(await app.announcer!.post(thread, { ...reveal, openThread: { name: 'x' } }), undefined);
    assert.equal(h.fake.restCalls.filter((c) => /\/threads$/.test(c.path)).length, 0);
  });

  it('posts choices as buttons whose clicks reach the app as actions', async () => {
    const question: Reply = { blocks: [{ kind: 'text', text: 'Which tool loads dependencies?' }], choices: [{ id: 'quiz:2-a:0', label: 'A' }, { id: 'quiz:2-a:1', label: 'B' }], visibility: 'channel' };
    await app.announcer!.post({ ...channel, channel: OTHER_CHANNEL_ID }, question);
    const message = await h.fake.waitForPost(OTHER_CHANNEL_ID);
    const rows = message.components as Array<{ components: Array<{ custom_id: string; label: string }> }>;
    assert.deepEqual(rows[0].components.map((b) => [b.custom_id, b.label]), [['mc:quiz:2-a:0', 'A'], ['mc:quiz:2-a:1', 'B']]);
    app.invocations.length = 0;
    const click = h.fake.interact({ type: 3, data: button('mc:quiz:2-a:1'), channelId: OTHER_CHANNEL_ID, message: botMessage(OTHER_CHANNEL_ID, h.fake.applicationId, rows) });
    await h.fake.answer(click.id);
    assert.deepEqual(app.invocations[0].input, { kind: 'action', id: 'quiz:2-a:1' });
  });

  it('cuts a long post to one message and keeps the whole of it for the file button', async () => {
    const text = Array.from({ length: 300 }, (_, i) => `line ${i} of the reveal`).join('\n');
    await app.announcer!.post(channel, { blocks: [{ kind: 'text', text }], visibility: 'channel' });
    const message = await h.fake.waitForPost(CHANNEL_ID);
    assert.ok(message.content.length <= MESSAGE_CONTENT_LIMIT);
    assert.match(message.content, /^line 0 of the reveal\n[\s\S]*\n… \d+ more lines$/);
    const rows = message.components as Array<{ components: Array<{ custom_id: string }> }>;
    const click = h.fake.interact({ type: 3, data: button(rows[0].components[0].custom_id), channelId: CHANNEL_ID, message: botMessage(CHANNEL_ID, h.fake.applicationId, rows) });
    const file = await h.fake.answer(click.id);
    assert.equal(file.files[0].name, FULL_OUTPUT_FILE_NAME);
    assert.equal(file.files[0].text, text + '\n');
    assert.equal(file.body.flags, MessageFlags.Ephemeral);
  });

  it('refuses to post a private reply (Discord has no unprompted ephemeral message) and posts nothing', async () => {
    await assert.rejects(app.announcer!.post(channel, { ...reveal, visibility: 'user' }), /cannot post a private reply unprompted/);
    assert.equal(posts().length, 0);
  });

  it('refuses a conversation of another platform and posts nothing', async () => {
    await assert.rejects(app.announcer!.post({ platform: 'slack', workspace: 'T1', channel: 'C1' }, reveal), /cannot post to a slack conversation/);
    assert.equal(posts().length, 0);
  });

  it('rejects with Discord\'s error when the channel is gone, so that the app can log it', async () => {
    const gone = { ...channel, channel: '1100000000000000099' };
    await assert.rejects(app.announcer!.post(gone, reveal), (error: unknown) => error instanceof DiscordAPIError && error.code === 10003);
  });
});
