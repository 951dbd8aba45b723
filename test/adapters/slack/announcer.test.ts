/** The Slack announcer: an unprompted Reply goes to the scope's channel, or its thread, with chat.postMessage. */
import { strict as assert } from 'node:assert';
import type { KnownBlock } from '@slack/types';
import { WebClient } from '@slack/web-api';
import { SlackAnnouncer } from '../../../adapters/slack/announcer';
import { slackShelf } from '../../../adapters/slack/upload';
import { noticeReply, textReply } from '../../../src/contracts/reply';
import { FakeSlack, TEAM_ID } from './fake-slack';
import { RecordingLogger } from './harness';
import { CHANNEL } from './payloads';

function sectionTexts(blocks: unknown): string[] {
  return ((blocks ?? []) as KnownBlock[]).flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : []));
}

describe('Slack announcer', () => {
  let fake: FakeSlack;
  let logger: RecordingLogger;
  let announcer: SlackAnnouncer;

  beforeEach(async () => {
    fake = new FakeSlack();
    await fake.start();
    logger = new RecordingLogger();
    const client = new WebClient('xoxb-test-token', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
    announcer = new SlackAnnouncer(client, slackShelf(), logger);
  });

  afterEach(() => fake.stop());

  it('posts to the channel of a channel scope, without thread_ts', async () => {
    await announcer.post({ platform: 'slack', workspace: TEAM_ID, channel: CHANNEL }, textReply('Time is up! What does `rmmod mod_b` print?', 'channel'));
    const [call] = fake.callsOf('chat.postMessage');
    assert.equal(call.args.channel, CHANNEL);
    assert.equal(call.args.thread_ts, undefined);
    assert.deepEqual(sectionTexts(call.args.blocks), ['Time is up! What does `rmmod mod_b` print?']);
  });

  it('posts into the thread of a thread scope', async () => {
    await announcer.post({ platform: 'slack', workspace: TEAM_ID, channel: CHANNEL, thread: '1795000000.000100' }, textReply('Time is up!', 'channel'));
    const [call] = fake.callsOf('chat.postMessage');
    assert.equal(call.args.channel, CHANNEL);
    assert.equal(call.args.thread_ts, '1795000000.000100');
  });

  it('posts a thread\'s parent message first when the reply asks for one, the reply in it, and returns the thread\'s scope', async () => {
    const opened = await announcer.post({ platform: 'slack', workspace: TEAM_ID, channel: CHANNEL }, { ...textReply('prof started the exercise', 'channel'), openThread: { name: 'Exercise: modinfo', claim: 'exercise-thread:y' } });
    const [parent, inThread] = fake.callsOf('chat.postMessage');
    assert.match(String(parent.args.text), /Exercise: modinfo/);
    assert.ok(opened && opened.thread);
    assert.equal(inThread.args.thread_ts, opened.thread);
    assert.deepEqual({ ...opened, thread: undefined }, { platform: 'slack', workspace: TEAM_ID, channel: CHANNEL, thread: undefined });
  });

  it('renders like any answer: escaped, so a name in it pings nobody', async () => {
    await announcer.post({ platform: 'slack', workspace: TEAM_ID, channel: CHANNEL }, textReply('Right: <!channel> & <@U0BOSS> (2 of 2).', 'channel'));
    const [call] = fake.callsOf('chat.postMessage');
    assert.deepEqual(sectionTexts(call.args.blocks), ['Right: &lt;!channel&gt; &amp; &lt;@U0BOSS&gt; (2 of 2).']);
    assert.equal(call.args.text, 'Right: &lt;!channel&gt; &amp; &lt;@U0BOSS&gt; (2 of 2).');
  });

  it('posts for everyone even a reply marked for one user: nobody asked, so nobody can be answered privately', async () => {
    await announcer.post({ platform: 'slack', workspace: TEAM_ID, channel: CHANNEL }, noticeReply('info', 'Quiz over.'));
    assert.equal(fake.callsOf('chat.postEphemeral').length, 0);
    assert.deepEqual(sectionTexts(fake.callsOf('chat.postMessage')[0].args.blocks), [':information_source: Quiz over.']);
  });

  it('refuses a conversation of another platform, posting nothing', async () => {
    await assert.rejects(announcer.post({ platform: 'discord', workspace: 'G1', channel: 'C1' }, textReply('x', 'channel')), /Slack cannot post to a discord conversation/);
    assert.equal(fake.calls.length, 0);
  });

  it('logs and rethrows when Slack refuses the post (the app logs the reveal as failed)', async () => {
    fake.handlers.set('chat.postMessage', () => ({ ok: false, error: 'not_in_channel' }));
    await assert.rejects(announcer.post({ platform: 'slack', workspace: TEAM_ID, channel: CHANNEL }, textReply('x', 'channel')));
    const line = logger.lines.find((l) => l.message === 'slack announcement failed');
    assert.ok(line);
    assert.equal(line.fields?.channel, CHANNEL);
    assert.match(String(line.fields?.error), /not_in_channel/);
  });
});
