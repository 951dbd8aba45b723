/**
 * End to end through the real discord.js against FakeDiscord on 127.0.0.1, with a FakeApp
 * whose replies and timing each test chooses.
 */
import { strict as assert } from 'node:assert';
import { MessageFlags } from 'discord.js';
import { FakeApp, echo } from '../fake-app';
import { startHarness, type Harness } from './fake/harness';
import {
  CHANNEL_ID,
  DM_CHANNEL_ID,
  GUILD_ID,
  MANAGER,
  OTHER_CHANNEL_ID,
  ROLE_INSTRUCTOR,
  STUDENT,
  THREAD_ID,
  ACK_DEADLINE_MS,
} from './fake/fake-discord';
import { autocomplete, botMessage, button, messageCommand, modal, slash, userMessage } from './fake/payloads';
import { RUN_IN_MODLAB } from '../../../adapters/discord/commands';
import { SH_MODAL_FIELD, SH_MODAL_ID } from '../../../adapters/discord/interactions';
import { DEFER_AFTER_MS, TEXT } from '../../../adapters/discord/dispatch';
import { FULL_OUTPUT_FILE_NAME, MESSAGE_CONTENT_LIMIT } from '../../../adapters/discord/render';
import type { Reply } from '../../../src/contracts/reply';
import type { ButtonComponentData } from 'discord.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('discord adapter end to end (fake Discord, fake app)', function () {
  this.timeout(20_000);
  let h: Harness;
  const app = new FakeApp();

  before(async () => {
    h = await startHarness(app);
  });
  after(async () => h?.stop());
  beforeEach(() => {
    app.answer = echo;
    app.suggest = () => [];
    app.invocations.length = 0;
    app.completions.length = 0;
    h.logger.lines.length = 0;
  });

  describe('login', () => {
    it('identifies with the Guilds intent only and registers no commands on start', () => {
      assert.equal(h.fake.identifies.length, 1);
      assert.equal(h.fake.identifies[0].intents, 1);
      assert.ok(!h.fake.restCalls.some((c) => c.path.includes('/commands')));
      assert.equal(h.bot.client.guilds.cache.get(GUILD_ID)?.name, 'Kernel class');
    });
  });

  describe('slash commands', () => {
    it('runs a command in a channel, on that channel\'s machine, visible to the channel with nobody pinged', async () => {
      const { id } = h.fake.interact({ type: 2, data: slash('lsmod'), channelId: CHANNEL_ID });
      const answer = await h.fake.answer(id);
      assert.equal(answer.body.content, '**alice**\n```\nroot@modlab:~# lsmod\nran lsmod\n```');
      assert.deepEqual(answer.body.allowed_mentions, { parse: [] });
      assert.equal(answer.body.flags, undefined);
      assert.deepEqual(app.invocations[0].scope, { platform: 'discord', workspace: GUILD_ID, channel: CHANNEL_ID });
      assert.deepEqual(app.invocations[0].user, { id: STUDENT.id, name: 'alice', roles: ['student'] });
      assert.equal(app.invocations[0].id, id);
    });

    it('gives a thread its own machine: scope channel = parent, thread = the thread', async () => {
      const { id } = h.fake.interact({ type: 2, data: slash('lsmod'), channelId: THREAD_ID });
      await h.fake.answer(id);
      assert.deepEqual(app.invocations[0].scope, { platform: 'discord', workspace: GUILD_ID, channel: CHANNEL_ID, thread: THREAD_ID });
    });

    it('passes a tool\'s typed options as options, with empty text', async () => {
      const { id } = h.fake.interact({ type: 2, data: slash('insmod', { file: 'hello.ko', params: 'who=world' }), channelId: CHANNEL_ID });
      await h.fake.answer(id);
      assert.deepEqual(app.invocations[0].input, { kind: 'command', command: 'insmod', options: { file: 'hello.ko', params: 'who=world' }, text: '' });
    });

    it('passes a subcommand as text: its name, then its values', async () => {
      const { id } = h.fake.interact({ type: 2, data: slash('modlab', { cmdline: 'module.sig_enforce=1' }, 'reboot'), channelId: CHANNEL_ID, member: MANAGER });
      await h.fake.answer(id);
      assert.deepEqual(app.invocations[0].input, {
        kind: 'command',
        command: 'modlab',
        options: { cmdline: 'module.sig_enforce=1' },
        text: 'reboot module.sig_enforce=1',
      });
    });

    it('refuses commands in DMs with a clear line, without asking the app', async () => {
      const { id } = h.fake.interact({ type: 2, data: slash('lsmod'), channelId: DM_CHANNEL_ID, dm: true });
      const answer = await h.fake.answer(id);
      assert.equal(answer.body.content, `ℹ️ ${TEXT.dm}`);
      assert.equal(answer.body.flags, MessageFlags.Ephemeral);
      assert.equal(app.invocations.length, 0);
    });
  });

  describe('roles', () => {
    it('refuses an instructor-only command to a student (the app decides; the user alone sees it)', async () => {
      const { id } = h.fake.interact({ type: 2, data: slash('modlab', {}, 'reboot'), channelId: CHANNEL_ID, member: STUDENT });
      const answer = await h.fake.answer(id);
      assert.equal(answer.body.content, '❌ Only instructors may run /modlab reboot.');
      assert.equal(answer.body.flags, MessageFlags.Ephemeral);
      assert.deepEqual(app.invocations[0].user.roles, ['student']);
    });

    it('allows it to a member with DISCORD_INSTRUCTOR_ROLE, named by their server nickname', async () => {
      const { id } = h.fake.interact({ type: 2, data: slash('modlab', {}, 'reboot'), channelId: CHANNEL_ID, member: ROLE_INSTRUCTOR });
      const answer = await h.fake.answer(id);
      assert.equal(answer.body.content, '**Prof Bob**\n```\nroot@modlab:~# modlab reboot\nran modlab reboot\n```');
      assert.deepEqual(app.invocations[0].user, { id: ROLE_INSTRUCTOR.id, name: 'Prof Bob', roles: ['instructor'] });
    });

    it('allows it to a member who may manage channels', async () => {
      const { id } = h.fake.interact({ type: 2, data: slash('modlab', {}, 'reboot'), channelId: CHANNEL_ID, member: MANAGER });
      await h.fake.answer(id);
      assert.deepEqual(app.invocations[0].user.roles, ['instructor']);
    });
  });

  describe('autocomplete', () => {
    it('suggests module names from the scope\'s own machine, at most 25', async () => {
      app.suggest = (prefix) => Array.from({ length: 40 }, (_, i) => `${prefix}mod${i}.ko`);
      const { id } = h.fake.interact({ type: 4, data: autocomplete('insmod', 'file', 'he'), channelId: THREAD_ID });
      const answer = await h.fake.answer(id);
      const choices = answer.body.choices as Array<{ name: string; value: string }>;
      assert.equal(choices.length, 25);
      assert.deepEqual(choices[0], { name: 'hemod0.ko', value: 'hemod0.ko' });
      assert.deepEqual(app.completions[0], {
        scope: { platform: 'discord', workspace: GUILD_ID, channel: CHANNEL_ID, thread: THREAD_ID },
        source: 'module-files',
        prefix: 'he',
        limit: 25,
      });
      assert.ok(answer.ms < ACK_DEADLINE_MS);
    });

    it('answers within 3 s with no suggestions when the machine is slow to answer', async () => {
      app.suggest = () => sleep(5000).then(() => ['late.ko']);
      const { id } = h.fake.interact({ type: 4, data: autocomplete('insmod', 'file', ''), channelId: CHANNEL_ID });
      const answer = await h.fake.answer(id);
      assert.deepEqual(answer.body.choices, []);
      assert.ok(answer.ms < ACK_DEADLINE_MS, `${answer.ms} ms`);
    });
  });

  describe('long outputs', () => {
    const long = (keep: 'start' | 'end'): Reply => ({
      visibility: 'channel',
      blocks: [{ kind: 'terminal', user: 'alice', prompt: 'root@modlab:~#', line: 'dmesg', output: Array.from({ length: 400 }, (_, i) => `[    ${i}.000000] line ${i}`).join('\n') + '\n', exitCode: 0, keep }],
    });

    it('cuts an output over 2000 characters, keeps a log\'s end, and offers the whole output as a file', async () => {
      app.answer = () => long('end');
      const { id } = h.fake.interact({ type: 2, data: slash('dmesg'), channelId: CHANNEL_ID });
      const answer = await h.fake.answer(id);
      const content = String(answer.body.content);
      assert.ok(content.length <= MESSAGE_CONTENT_LIMIT);
      assert.match(content, /root@modlab:~# dmesg\n… \d+ more lines\n/);
      assert.match(content, /line 399\n```$/);
      const components = answer.body.components as Array<{ components: ButtonComponentData[] }>;
      const customId = (components[0].components[0] as { custom_id?: string }).custom_id!;
      assert.ok(customId.startsWith('mf:') && customId.length <= 100);

      const click = h.fake.interact({ type: 3, data: button(customId), channelId: CHANNEL_ID, member: MANAGER, message: botMessage(CHANNEL_ID, h.fake.applicationId, components) });
      const file = await h.fake.answer(click.id);
      assert.equal(file.files.length, 1);
      assert.equal(file.files[0].name, FULL_OUTPUT_FILE_NAME);
      assert.equal(file.files[0].text, `[alice] root@modlab:~# dmesg\n${long('end').blocks[0].kind === 'terminal' ? (long('end').blocks[0] as { output: string }).output : ''}`);
      assert.equal(file.body.flags, MessageFlags.Ephemeral);
    });

    it('defers before uploading a big whole-output file', async () => {
      const big = 'k'.repeat(99).concat('\n').repeat(4000);
      app.answer = () => ({ visibility: 'channel', blocks: [{ kind: 'terminal', user: 'alice', prompt: 'root@modlab:~#', line: 'cat big', output: big, exitCode: 0, keep: 'start' }] });
      const { id } = h.fake.interact({ type: 2, data: slash('sh', { line: 'cat big' }), channelId: CHANNEL_ID });
      const answer = await h.fake.answer(id);
      const components = answer.body.components as Array<{ components: Array<{ custom_id: string }> }>;
      const click = h.fake.interact({ type: 3, data: button(components[0].components[0].custom_id), channelId: CHANNEL_ID, message: botMessage(CHANNEL_ID, h.fake.applicationId, components) });
      const file = await h.fake.answer(click.id);
      assert.deepEqual(file.events.map((e) => [e.kind, e.type]), [['callback', 5], ['edit', undefined]]);
      assert.equal(file.events[0].body.data && (file.events[0].body.data as { flags: number }).flags, MessageFlags.Ephemeral);
      assert.equal(file.files[0].text, `[alice] root@modlab:~# cat big\n${big}`);
    });

    it('answers a full-output button whose output is no longer kept', async () => {
      const { id } = h.fake.interact({ type: 3, data: button('mf:gone'), channelId: CHANNEL_ID, message: botMessage(CHANNEL_ID, h.fake.applicationId, []) });
      const answer = await h.fake.answer(id);
      assert.equal(answer.body.content, `ℹ️ ${TEXT.outputGone}`);
      assert.equal(answer.body.flags, MessageFlags.Ephemeral);
    });
  });

  describe('buttons from a reply\'s choices', () => {
    it('renders choices as buttons and sends a click back to the app as an action', async () => {
      app.answer = (inv) =>
        inv.input.kind === 'action'
          ? { blocks: [{ kind: 'notice', level: 'success', text: `picked ${inv.input.id}` }], visibility: 'user' }
          : { blocks: [{ kind: 'text', text: 'Which tool loads dependencies?' }], choices: [{ id: 'quiz:1:a', label: 'insmod' }, { id: 'quiz:1:b', label: 'modprobe', style: 'primary' }], visibility: 'channel' };
      const { id } = h.fake.interact({ type: 2, data: slash('modlab', {}, 'status'), channelId: CHANNEL_ID });
      const answer = await h.fake.answer(id);
      const row = (answer.body.components as Array<{ components: Array<{ custom_id: string; label: string; style: number }> }>)[0];
      assert.deepEqual(row.components.map((b) => [b.custom_id, b.label, b.style]), [['mc:quiz:1:a', 'insmod', 2], ['mc:quiz:1:b', 'modprobe', 1]]);

      const click = h.fake.interact({ type: 3, data: button('mc:quiz:1:b'), channelId: CHANNEL_ID, message: botMessage(CHANNEL_ID, h.fake.applicationId, answer.body.components as unknown[]) });
      const clicked = await h.fake.answer(click.id);
      assert.deepEqual(app.invocations[1].input, { kind: 'action', id: 'quiz:1:b' });
      assert.equal(clicked.body.content, '✅ picked quiz:1:b');
      assert.equal(clicked.body.flags, MessageFlags.Ephemeral);
    });
  });

  describe('threads on request', () => {
    it('opens a thread on the reply when the app asks for one', async () => {
      app.answer = () => ({ blocks: [{ kind: 'text', text: 'Quiz: which tool resolves dependencies?' }], visibility: 'channel', openThread: { name: 'Quiz 1' } });
      const created = new Promise<{ name: string; parentId?: string }>((resolve) => h.fake.once('thread', resolve));
      const { id } = h.fake.interact({ type: 2, data: slash('modlab', {}, 'status'), channelId: OTHER_CHANNEL_ID });
      await h.fake.answer(id);
      const thread = await created;
      assert.deepEqual([thread.name, thread.parentId], ['Quiz 1', OTHER_CHANNEL_ID]);
      const call = h.fake.restCalls.find((c) => c.path.endsWith('/threads'))!;
      assert.equal(call.path, `/channels/${OTHER_CHANNEL_ID}/messages/${h.fake.original(id)!.id}/threads`);
    });
  });

  describe('several lines at once', () => {
    it('runs the lines of a message\'s code block with "Run in Modlab", as one transcript', async () => {
      const message = userMessage(OTHER_CHANNEL_ID, 'try this:\n```sh\ninsmod hello.ko\n\nlsmod | grep hello\n```');
      const { id } = h.fake.interact({ type: 2, data: messageCommand(RUN_IN_MODLAB, message), channelId: OTHER_CHANNEL_ID });
      const answer = await h.fake.answer(id);
      assert.deepEqual(app.invocations[0].input, { kind: 'command', command: 'sh', text: 'insmod hello.ko\nlsmod | grep hello' });
      assert.deepEqual(app.invocations[0].scope, { platform: 'discord', workspace: GUILD_ID, channel: OTHER_CHANNEL_ID });
      assert.equal(answer.body.content, '**alice**\n```\nroot@modlab:~# insmod hello.ko\nran insmod hello.ko\nroot@modlab:~# lsmod | grep hello\nran lsmod | grep hello\n```');
    });

    it('says so when the message has no code block', async () => {
      const { id } = h.fake.interact({ type: 2, data: messageCommand(RUN_IN_MODLAB, userMessage(CHANNEL_ID, 'hello everyone')), channelId: CHANNEL_ID });
      const answer = await h.fake.answer(id);
      assert.equal(answer.body.content, `ℹ️ ${TEXT.noScript}`.replace(/`/g, '\\`'));
      assert.equal(answer.body.flags, MessageFlags.Ephemeral);
      assert.equal(app.invocations.length, 0);
    });

    it('opens a modal for /sh without a line, and runs what it submits', async () => {
      const { id } = h.fake.interact({ type: 2, data: slash('sh'), channelId: CHANNEL_ID });
      const shown = await h.fake.answer(id);
      assert.equal(shown.events[0].type, 9);
      assert.equal(shown.body.custom_id, SH_MODAL_ID);
      assert.equal(app.invocations.length, 0);

      const submit = h.fake.interact({ type: 5, data: modal(SH_MODAL_ID, { [SH_MODAL_FIELD]: 'uname -r\r\ndmesg | tail -1' }), channelId: CHANNEL_ID });
      const answer = await h.fake.answer(submit.id);
      assert.deepEqual(app.invocations[0].input, { kind: 'command', command: 'sh', text: 'uname -r\r\ndmesg | tail -1' });
      assert.match(String(answer.body.content), /root@modlab:~# uname -r/);
    });

    it('runs /sh line: directly', async () => {
      const { id } = h.fake.interact({ type: 2, data: slash('sh', { line: 'cat /proc/modules' }), channelId: CHANNEL_ID });
      await h.fake.answer(id);
      assert.deepEqual(app.invocations[0].input, { kind: 'command', command: 'sh', options: { line: 'cat /proc/modules' }, text: '' });
    });
  });

  describe('deadlines and failures', () => {
    it('defers a slow command within 3 s and edits the reply in when it is done', async () => {
      app.answer = async (inv) => (await sleep(DEFER_AFTER_MS + 1500), echo(inv));
      const { id } = h.fake.interact({ type: 2, data: slash('lsmod'), channelId: CHANNEL_ID });
      const answer = await h.fake.answer(id);
      const [deferral, edit] = answer.events;
      assert.equal(deferral.kind, 'callback');
      assert.equal(deferral.type, 5);
      assert.ok(deferral.status < 300);
      assert.ok(h.fake.elapsed(id, deferral) < ACK_DEADLINE_MS);
      assert.equal(edit.kind, 'edit');
      assert.equal(answer.body.content, '**alice**\n```\nroot@modlab:~# lsmod\nran lsmod\n```');
      assert.ok(answer.ms > DEFER_AFTER_MS + 1500);
    });

    it('sends a slow answer meant for the user alone as an ephemeral follow-up, removing the public placeholder', async () => {
      app.answer = async () => (await sleep(DEFER_AFTER_MS + 300), { blocks: [{ kind: 'notice', level: 'error', text: 'The store is busy.' }], visibility: 'user' });
      const { id } = h.fake.interact({ type: 2, data: slash('lsmod'), channelId: CHANNEL_ID });
      await h.fake.waitFor(id, (es) => es.some((e) => e.kind === 'delete'));
      const events = h.fake.events(id);
      assert.deepEqual(events.map((e) => e.kind), ['callback', 'edit', 'followup', 'delete']);
      assert.equal(events[2].body.content, '❌ The store is busy.');
      assert.equal(events[2].body.flags, MessageFlags.Ephemeral);
    });

    it('answers politely when the app throws, and logs the failure with its context', async () => {
      app.answer = () => {
        throw new Error('boom');
      };
      const { id } = h.fake.interact({ type: 2, data: slash('lsmod'), channelId: CHANNEL_ID });
      const answer = await h.fake.answer(id);
      assert.equal(answer.body.content, `❌ ${TEXT.failed}`);
      assert.equal(answer.body.flags, MessageFlags.Ephemeral);
      const logged = h.logger.lines.find((l) => l.level === 'error');
      assert.equal(logged?.message, 'app.handle threw');
      assert.equal(logged?.fields?.invocation, id);
      assert.match(String(logged?.fields?.error), /boom/);
    });

    it('survives an interaction that expired before it arrived (10062), logging it, and goes on', async () => {
      const late = h.fake.interact({ type: 2, data: slash('lsmod'), channelId: CHANNEL_ID, ageMs: ACK_DEADLINE_MS + 500 });
      await h.fake.waitFor(late.id, (es) => es.some((e) => e.status === 404));
      await sleep(50);
      const warned = h.logger.lines.find((l) => l.fields?.code === '10062');
      assert.ok(warned, JSON.stringify(h.logger.lines));
      assert.equal(warned.fields?.interaction, late.id);
      const next = h.fake.interact({ type: 2, data: slash('lsmod'), channelId: CHANNEL_ID });
      assert.match(String((await h.fake.answer(next.id)).body.content), /ran lsmod/);
    });
  });
});

describe('discord adapter start and stop', function () {
  this.timeout(20_000);

  it('refuses a rejected token with one line, not a stack trace', async () => {
    const { FakeDiscord } = await import('./fake/fake-discord');
    const { startDiscord, DiscordStartError } = await import('../../../adapters/discord');
    const fake = new FakeDiscord();
    await fake.start();
    try {
      await assert.rejects(
        startDiscord(new FakeApp(), { token: 'wrong', apiUrl: fake.apiUrl }, { info() {}, warn() {}, error() {} }),
        (error: unknown) => {
          assert.ok(error instanceof DiscordStartError);
          assert.equal(error.message, 'Discord refused DISCORD_TOKEN (401 Unauthorized): copy a fresh token from the Bot page of the Developer Portal.');
          return true;
        },
      );
    } finally {
      await fake.stop();
    }
  });

  it('finishes a command under way before it stops, then turns nothing away mid-answer', async () => {
    const app = new FakeApp();
    app.answer = async (inv) => (await sleep(DEFER_AFTER_MS + 500), echo(inv));
    const h = await startHarness(app);
    try {
      const { id } = h.fake.interact({ type: 2, data: slash('lsmod'), channelId: CHANNEL_ID });
      await h.fake.waitFor(id, (es) => es.length > 0);
      await h.bot.stop();
      const events = h.fake.events(id);
      assert.deepEqual(events.map((e) => e.kind), ['callback', 'edit']);
      assert.ok(!h.bot.client.isReady(), 'the client is destroyed');
    } finally {
      await h.stop();
    }
  });
});
