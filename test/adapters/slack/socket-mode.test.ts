/**
 * Socket Mode end to end: the real Bolt SocketModeReceiver asks the fake Web API for
 * apps.connections.open, connects to the fake's ws://127.0.0.1 socket, and gets envelopes.
 */
import { strict as assert } from 'node:assert';
import { FakeApp } from '../fake-app';
import { FakeSlack, TEAM_ID } from './fake-slack';
import { startHarness, type Harness } from './harness';
import { CHANNEL, mentionEvent, slashCommand } from './payloads';
import { startSlack } from '../../../adapters/slack/index';
import { RecordingLogger } from './harness';

describe('Slack adapter in Socket Mode', () => {
  let app: FakeApp;
  let h: Harness;

  beforeEach(async () => {
    app = new FakeApp();
    h = await startHarness(app, { socket: true });
    h.fake.addUser({ id: 'U0ALICE', name: 'alice' });
  });

  afterEach(async () => {
    await h.stop();
  });

  it('opens the connection with the app token', async () => {
    const open = await h.fake.waitForCall('apps.connections.open');
    assert.ok(open);
  });

  it('acks a slash command envelope and answers in the channel', async () => {
    const ack = await h.fake.sendEnvelope('slash_commands', slashCommand('/lsmod', '', h.fake.responseUrl('sm1')));
    assert.deepEqual(ack, {});
    const posted = await h.fake.waitForResponse('sm1');
    assert.equal(posted.body.response_type, 'in_channel');
    assert.deepEqual(app.invocations[0].scope, { platform: 'slack', workspace: TEAM_ID, channel: CHANNEL });
  });

  it('runs a mention in a thread, once even when the envelope is retried', async () => {
    const event = mentionEvent('insmod hello.ko', { thread_ts: '1700000000.000100', event_id: 'Ev0SOCKET1' });
    await h.fake.sendEnvelope('events_api', event);
    await h.fake.sendEnvelope('events_api', event, { retry_attempt: 1, retry_reason: 'timeout' });
    const call = await h.fake.waitForCall('chat.postMessage');
    assert.equal(call.args.thread_ts, '1700000000.000100');
    await h.fake.settle(300);
    assert.equal(app.invocations.length, 1);
  });
});

describe('Slack adapter in Socket Mode, refused', () => {
  it('fails with one line when Slack refuses the app token', async () => {
    const fake = new FakeSlack();
    await fake.start();
    fake.handlers.set('apps.connections.open', () => ({ ok: false, error: 'invalid_auth' }));
    try {
      const config = { botToken: 'xoxb-t', appToken: 'xapp-wrong', port: 0, apiUrl: fake.apiUrl, instructors: [] };
      await assert.rejects(startSlack(new FakeApp(), config, new RecordingLogger()), {
        name: 'SlackStartError',
        message: 'Slack refused SLACK_APP_TOKEN (apps.connections.open: invalid_auth).',
      });
    } finally {
      await fake.stop();
    }
  });
});
