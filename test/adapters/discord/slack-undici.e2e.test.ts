/**
 * Discord and Slack in one process (adapters/main.ts starts both when both tokens are set,
 * and imports the Slack adapter first). @slack/socket-mode brings undici 7; the first undici
 * loaded becomes the process-wide dispatcher, so in production Discord's REST calls went
 * through undici 7's Agent, which cannot encode the FormData of an upload. Here that state
 * is set up on purpose, whatever order mocha loaded the files in, and uploads must still work.
 */
import { strict as assert } from 'node:assert';
import { createRequire } from 'node:module';
import { MessageFlags } from 'discord.js';
import { FakeApp } from '../fake-app';
import { startHarness, type Harness } from './fake/harness';
import { CHANNEL_ID } from './fake/fake-discord';
import { botMessage, button, slash } from './fake/payloads';
import { FULL_OUTPUT_FILE_NAME } from '../../../adapters/discord/render';
import type { Reply } from '../../../src/contracts/reply';

interface Dispatcher {
  destroy(): Promise<void>;
}
interface Undici {
  Agent: new () => Dispatcher;
  setGlobalDispatcher(dispatcher: Dispatcher): void;
}

/** The undici that @slack/bolt's Socket Mode client loads. */
const slackUndici = createRequire(createRequire(require.resolve('@slack/bolt')).resolve('@slack/socket-mode'))('undici') as Undici;
const GLOBAL_DISPATCHERS = [Symbol.for('undici.globalDispatcher.1'), Symbol.for('undici.globalDispatcher.2')];

describe('discord adapter beside the Slack adapter: Slack\'s undici is the process-wide dispatcher', function () {
  this.timeout(20_000);
  let h: Harness;
  const app = new FakeApp();
  const saved = GLOBAL_DISPATCHERS.map((symbol) => (globalThis as Record<symbol, unknown>)[symbol]);
  const slackAgent = new slackUndici.Agent();

  before(async () => {
    // What loading @slack/bolt before discord.js does (undici/lib/global.js: the first copy loaded installs its Agent).
    slackUndici.setGlobalDispatcher(slackAgent);
    h = await startHarness(app);
  });
  after(async () => {
    await h?.stop();
    GLOBAL_DISPATCHERS.forEach((symbol, i) => ((globalThis as Record<symbol, unknown>)[symbol] = saved[i]));
    await slackAgent.destroy();
  });

  it('uploads the whole output of a long command as a file when its button is clicked', async () => {
    const output = Array.from({ length: 400 }, (_, i) => `[    ${i}.000000] line ${i}`).join('\n') + '\n';
    app.answer = (): Reply => ({ visibility: 'channel', blocks: [{ kind: 'terminal', user: 'alice', prompt: 'root@modlab:~#', line: 'dmesg', output, exitCode: 0, keep: 'end' }] });
    const { id } = h.fake.interact({ type: 2, data: slash('dmesg'), channelId: CHANNEL_ID });
    const answer = await h.fake.answer(id);
    const components = answer.body.components as Array<{ components: Array<{ custom_id: string }> }>;
    const click = h.fake.interact({ type: 3, data: button(components[0].components[0].custom_id), channelId: CHANNEL_ID, message: botMessage(CHANNEL_ID, h.fake.applicationId, components) });
    const file = await h.fake.answer(click.id);
    assert.deepEqual(file.files.map((f) => f.name), [FULL_OUTPUT_FILE_NAME]);
    assert.equal(file.files[0].text, `[alice] root@modlab:~# dmesg\n${output}`);
    assert.equal(file.body.flags, MessageFlags.Ephemeral);
    assert.deepEqual(h.logger.lines.filter((l) => l.level !== 'info'), []);
  });

  it('uploads a big whole-output file after deferring', async () => {
    const big = 'k'.repeat(99).concat('\n').repeat(4000);
    app.answer = (): Reply => ({ visibility: 'channel', blocks: [{ kind: 'terminal', user: 'alice', prompt: 'root@modlab:~#', line: 'cat big', output: big, exitCode: 0, keep: 'start' }] });
    const { id } = h.fake.interact({ type: 2, data: slash('sh', { line: 'cat big' }), channelId: CHANNEL_ID });
    const answer = await h.fake.answer(id);
    const components = answer.body.components as Array<{ components: Array<{ custom_id: string }> }>;
    const click = h.fake.interact({ type: 3, data: button(components[0].components[0].custom_id), channelId: CHANNEL_ID, message: botMessage(CHANNEL_ID, h.fake.applicationId, components) });
    const file = await h.fake.answer(click.id);
    assert.deepEqual(file.events.map((e) => [e.kind, e.type]), [['callback', 5], ['edit', undefined]]);
    assert.equal(file.files[0].text, `[alice] root@modlab:~# cat big\n${big}`);
  });
});
